/** Free ports on 127.0.0.1 for the SIP peers (each peer binds several sockets). */
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:net';

function holdTcp(port: number): Promise<Server | undefined> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(undefined));
    server.listen(port, '127.0.0.1', () => done(server));
  });
}

function holdUdp(port: number): Promise<Socket | undefined> {
  return new Promise((done) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      done(undefined);
    });
    socket.bind(port, '127.0.0.1', () => done(socket));
  });
}

/** A TCP port on 127.0.0.1 that is free right now. */
export async function freeTcpPort(): Promise<number> {
  const server = await holdTcp(0);
  if (!server) throw new Error('No free TCP port on 127.0.0.1.');
  const address = server.address();
  await new Promise((done) => server.close(done));
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * A port P for a SIP user agent on 127.0.0.1 that is free right now for UDP P, TCP P and
 * TCP P+1: baresip 1.0.0 binds all three for `sip_listen 127.0.0.1:P` (UDP, TCP, and TLS on
 * the next port) and fails to start when any is taken.
 */
export async function freeSipPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const udp = await holdUdp(0);
    if (!udp) continue;
    const port = udp.address().port;
    const tcp = port < 65535 ? await holdTcp(port) : undefined;
    const tls = tcp ? await holdTcp(port + 1) : undefined;
    await Promise.all([
      new Promise((done) => udp.close(() => done(undefined))),
      tcp && new Promise((done) => tcp.close(done)),
      tls && new Promise((done) => tls.close(done)),
    ]);
    if (tcp && tls) return port;
  }
  throw new Error('No free SIP port (UDP P, TCP P and P+1) on 127.0.0.1 after 50 tries.');
}

/** A UDP port P on 127.0.0.1 such that P and P+1 (RTP and RTCP) are free right now. */
export async function freeRtpPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const rtp = await holdUdp(0);
    if (!rtp) continue;
    const port = rtp.address().port;
    const rtcp = port < 65535 ? await holdUdp(port + 1) : undefined;
    await Promise.all([new Promise((done) => rtp.close(() => done(undefined))), rtcp && new Promise((done) => rtcp.close(() => done(undefined)))]);
    if (rtcp) return port;
  }
  throw new Error('No free RTP port pair on 127.0.0.1 after 50 tries.');
}
