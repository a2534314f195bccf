import { expect } from '@open-wc/testing';
import { isContactPadError } from './errors.ts';
import { deviceCallbackOver, moveDeviceCallback, registeredDevice, startDeviceCallback } from './device-callback.ts';
import { thrown } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

describe('device callback steps', () => {
  it('rings the device, then calls the customer, then is connected on the device', () => {
    const ringing = startDeviceCallback();
    expect(ringing.step).to.equal('ringing-device');
    const calling = moveDeviceCallback(ringing, { type: 'device-answered' });
    expect(calling.step).to.equal('calling-customer');
    const connected = moveDeviceCallback(calling, { type: 'customer-answered' });
    expect([connected.step, deviceCallbackOver(connected)]).to.deep.equal(['connected', true]);
  });

  it('fails from ringing or calling, with the reason the agent reads', () => {
    const unanswered = moveDeviceCallback(startDeviceCallback(), { type: 'failed', reason: 'Your device did not pick up.' });
    expect(unanswered).to.deep.equal({ step: 'failed', reason: 'Your device did not pick up.' });
    const busy = moveDeviceCallback(moveDeviceCallback(startDeviceCallback(), { type: 'device-answered' }), { type: 'failed', reason: 'The customer was not connected: 486 Busy Here.' });
    expect([busy.step, deviceCallbackOver(busy)]).to.deep.equal(['failed', true]);
  });

  it('refuses moves the table does not allow: a customer answering before the device, anything after the end', () => {
    const refused = (move: () => unknown) => isContactPadError(thrown(move), 'INVALID_TRANSITION');
    expect(refused(() => moveDeviceCallback(startDeviceCallback(), { type: 'customer-answered' }))).to.equal(true);
    const failed = moveDeviceCallback(startDeviceCallback(), { type: 'failed', reason: 'gone' });
    expect(refused(() => moveDeviceCallback(failed, { type: 'device-answered' }))).to.equal(true);
    expect(refused(() => moveDeviceCallback(failed, { type: 'failed', reason: 'again' }))).to.equal(true);
  });

  it('tells a desk phone (where it is) from another browser (a WebSocket Contact, whose host is made up), and refuses a Contact without a host', () => {
    expect(registeredDevice({ uri: 'sip:agent1-0x5@127.0.0.1:47160', host: '127.0.0.1', port: 47160, transport: 'udp' })).to.deep.equal({ contact: 'sip:agent1-0x5@127.0.0.1:47160', kind: 'phone', where: '127.0.0.1:47160' });
    expect(registeredDevice({ uri: 'sip:k3j2@x9.invalid;transport=ws', host: 'x9.invalid', port: undefined, transport: 'WS' })).to.deep.equal({ contact: 'sip:k3j2@x9.invalid;transport=ws', kind: 'browser', where: '' });
    expect(registeredDevice({ uri: 'sip:a@', host: '', port: undefined, transport: 'udp' })).to.equal(undefined);
  });
});
