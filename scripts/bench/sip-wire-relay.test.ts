// The phone-network bench's UDP relay in front of the caller (node --test): it passes datagrams
// both ways between a phone and "Kamailio" (two sockets here) and notes each one's head.
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { describe, it } from 'node:test';
import { sipHeader, startSipWireRelay } from './sip-wire-relay.ts';

function bound(): Promise<Socket> {
  const socket = createSocket('udp4');
  return new Promise((done) => socket.bind(0, '127.0.0.1', () => done(socket)));
}

function nextDatagram(socket: Socket): Promise<{ text: string; port: number }> {
  return new Promise((done) => socket.once('message', (datagram, from) => done({ text: datagram.toString('latin1'), port: from.port })));
}

const INVITE = 'INVITE sip:agent1@127.0.0.1 SIP/2.0\r\nCall-ID: abc123\r\nCSeq: 1 INVITE\r\nContent-Length: 3\r\n\r\nv=0';
const RINGING = 'SIP/2.0 180 Ringing\r\ni: abc123\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n';

describe('phone-network bench: SIP relay', () => {
  it('passes the phone\'s datagrams to Kamailio and the replies back, noting each head', async () => {
    const [kamailio, phone] = [await bound(), await bound()];
    const relay = await startSipWireRelay(kamailio.address().port);
    try {
      const atKamailio = nextDatagram(kamailio);
      phone.send(INVITE, relay.port, '127.0.0.1');
      const invite = await atKamailio;
      assert.equal(invite.text, INVITE);
      assert.equal(invite.port, relay.port);

      const atPhone = nextDatagram(phone);
      kamailio.send(RINGING, relay.port, '127.0.0.1');
      assert.equal((await atPhone).text, RINGING);

      const out = await relay.next((m) => m.direction === 'out', 'INVITE');
      const back = await relay.next((m) => m.direction === 'in', '180');
      assert.equal(out.head, 'INVITE sip:agent1@127.0.0.1 SIP/2.0\r\nCall-ID: abc123\r\nCSeq: 1 INVITE\r\nContent-Length: 3');
      assert.equal(sipHeader(back.head, 'Call-ID', 'i'), 'abc123');
    } finally {
      await relay.stop();
      kamailio.close();
      phone.close();
    }
  });

  it('reads SIP headers by full or compact name, not from the body', () => {
    assert.equal(sipHeader(INVITE, 'call-id', 'i'), 'abc123');
    assert.equal(sipHeader(RINGING, 'Call-ID', 'i'), 'abc123');
    assert.equal(sipHeader(RINGING, 'Call-ID'), undefined);
    assert.equal(sipHeader(INVITE, 'v'), undefined);
  });
});
