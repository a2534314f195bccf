/** Ports on 127.0.0.1 that are free right now (for test servers that must not collide). */
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';

/** A TCP port on 127.0.0.1 that is free right now. */
export function freeTcpPort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** A UDP port on `address` (default 127.0.0.1) that is free right now. */
export function freeUdpPort(address = '127.0.0.1'): Promise<number> {
  return new Promise((done, fail) => {
    const socket = createSocket('udp4');
    socket.once('error', fail);
    socket.bind(0, address, () => {
      const { port } = socket.address();
      socket.close(() => done(port));
    });
  });
}
