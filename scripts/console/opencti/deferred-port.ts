/**
 * A port that exists before the real MessagePort does: messages posted and listeners added
 * early are kept and handed over when the console's port arrives. Lets the Open CTI shim be
 * installed synchronously while the handshake with the console page is still under way.
 */
import type { OpenCtiPort } from './opencti-shim.ts';

/** A {@link OpenCtiPort} plus the way to plug in the real port once. */
export interface DeferredPort extends OpenCtiPort {
  /** Hands over the real port: queued messages are sent, listeners moved. Later calls are ignored. */
  attach(port: MessagePort): void;
  /** True once a real port is attached. */
  readonly attached: boolean;
}

/** Creates a port that queues until {@link DeferredPort.attach}. */
export function createDeferredPort(): DeferredPort {
  const queue: unknown[] = [];
  const listeners: ((event: MessageEvent) => void)[] = [];
  let real: MessagePort | undefined;
  return {
    get attached() {
      return real !== undefined;
    },
    postMessage(message: unknown) {
      if (real !== undefined) real.postMessage(message);
      else {
        // Clone now, as postMessage would, so a bad argument fails at the call, not later.
        queue.push(structuredClone(message));
      }
    },
    addEventListener(_type: 'message', listener: (event: MessageEvent) => void) {
      if (real !== undefined) real.addEventListener('message', listener);
      else listeners.push(listener);
    },
    start() {
      real?.start();
    },
    attach(port: MessagePort) {
      if (real !== undefined) return;
      real = port;
      for (const listener of listeners.splice(0)) port.addEventListener('message', listener);
      port.start();
      for (const message of queue.splice(0)) port.postMessage(message);
    },
  };
}
