/**
 * The softphone iframe's side of the fake Open CTI: installs the `sforce.opencti` shim at once
 * and connects it to the console page (the parent window) with the hello/connect handshake of
 * opencti-protocol.ts. Both directions are origin-checked: the hello is posted only to the
 * expected parent origin, and a connect is accepted only from `window.parent` at that origin.
 */
import type { OpenCti } from '../../../adapter/src/host/open-cti.ts';
import { createDeferredPort } from './deferred-port.ts';
import { envelope, isProtocolMessage, type OpenCtiHello } from './opencti-protocol.ts';
import { installOpenCtiShim } from './opencti-shim.ts';

/** Options of {@link connectOpenCtiToParent}. */
export interface ConnectToParentOptions {
  /** The console page's origin (default: this page's own origin, as the local console serves both). */
  parentOrigin?: string;
  /** Time between hellos while the console has not answered (default 200 ms). */
  helloIntervalMs?: number;
  /** Hellos sent before giving up (default 50, about 10 s). */
  maxHellos?: number;
}

/**
 * Installs the shim on `win` synchronously and starts the handshake. Returns undefined (and
 * installs nothing, so ContactPad reports HOST_UNAVAILABLE) when the page is not in a frame,
 * as Salesforce's library also refuses to start outside the console.
 */
export function connectOpenCtiToParent(win: Window, options: ConnectToParentOptions = {}): OpenCti | undefined {
  if (win.parent === win) {
    console.error('sforce.opencti: this page must run inside the console (in the softphone iframe)');
    return undefined;
  }
  const parentOrigin = options.parentOrigin ?? win.origin;
  const helloIntervalMs = options.helloIntervalMs ?? 200;
  const maxHellos = options.maxHellos ?? 50;
  const instance = randomInstance();
  const port = createDeferredPort();
  const opencti = installOpenCtiShim(win, port);

  const hello: OpenCtiHello = { ...envelope(), kind: 'hello', instance };
  let sent = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sayHello = (): void => {
    if (port.attached) return;
    if (sent >= maxHellos) {
      console.error(`sforce.opencti: the console at ${parentOrigin} did not answer; Open CTI calls will not complete`);
      return;
    }
    sent += 1;
    win.parent.postMessage(hello, parentOrigin);
    timer = setTimeout(sayHello, helloIntervalMs);
  };

  const onMessage = (event: MessageEvent): void => {
    if (event.source !== win.parent || event.origin !== parentOrigin) return;
    if (!isProtocolMessage(event.data, 'connect') || event.data['instance'] !== instance) return;
    const [received] = event.ports;
    if (received === undefined) return;
    win.removeEventListener('message', onMessage);
    if (timer !== undefined) clearTimeout(timer);
    port.attach(received);
  };
  win.addEventListener('message', onMessage);
  sayHello();
  return opencti;
}

/**
 * The console's origin as Salesforce hands it to the softphone page: the `sfdcIFrameOrigin`
 * parameter of the page's URL (set when the softphone comes from another origin than the
 * console); undefined when absent or not an http(s) origin.
 *
 * Source: published code, not documentation (the Open CTI Developer Guide does not name the
 * parameter). Lightning builds the URLs of the pages it frames with `sfdcIFrameOrigin=<the
 * console's origin>` and `sfdcIFrameHost=web` (URLs of framed Setup and Visualforce pages as
 * recorded in public repositories, e.g. `/visualforce/session?sfdcIFrameOrigin=https%3A%2F%2F...`),
 * and a published Open CTI adapter (Five9's, for Lightning) reads `sfdcIFrameOrigin` from
 * `location.search` to know it runs in Salesforce's frame. The spelling is Salesforce's: a capital
 * F in IFrame.
 */
export function parentOriginFromUrl(href: string): string | undefined {
  const value = new URL(href).searchParams.get('sfdcIFrameOrigin');
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value ? value : undefined;
  } catch {
    return undefined;
  }
}

function randomInstance(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
