/**
 * The console bridge protocol as the shipped Aura bridge reads it: ONE object, the global
 * `ContactPadBridgeProtocol`, holding the version, the channel name, the parser, the event
 * builder and the limits of adapter/src/host/console-bridge-protocol.ts (imported, never copied).
 * The build emits it as bridge-protocol.js into the contactpad static resource (an IIFE, see
 * bridge-protocol-iife.ts and emit-iife-plugin.ts); the Aura component loads it with
 * `ltng:require` and takes everything protocol-related from it, so the protocol is written in
 * one place and ContactPad and the bridge cannot drift apart.
 */
import { BRIDGE_CHANNEL, BRIDGE_PROTOCOL_VERSION, LIMITS, bridgeEvent, parseBridgeMessage } from '../../adapter/src/host/console-bridge-protocol.ts';

/** The script's file name in the contactpad static resource: `$Resource.contactpad + '/bridge-protocol.js'`. */
export const BRIDGE_PROTOCOL_FILE_NAME = 'bridge-protocol.js';

/** The name of the global the script defines. */
export const BRIDGE_PROTOCOL_GLOBAL = 'ContactPadBridgeProtocol';

/** What `window.ContactPadBridgeProtocol` holds. */
export interface BridgeProtocolGlobal {
  /** The protocol version the bridge speaks (BRIDGE_PROTOCOL_VERSION). */
  readonly version: number;
  /** The Lightning message channel (BRIDGE_CHANNEL). */
  readonly channel: string;
  readonly parseBridgeMessage: typeof parseBridgeMessage;
  readonly bridgeEvent: typeof bridgeEvent;
  readonly LIMITS: typeof LIMITS;
}

/** The protocol object, frozen. */
export const bridgeProtocolGlobal: BridgeProtocolGlobal = Object.freeze({
  version: BRIDGE_PROTOCOL_VERSION,
  channel: BRIDGE_CHANNEL,
  parseBridgeMessage,
  bridgeEvent,
  LIMITS,
});

/**
 * Puts the protocol on `target` (the script's `window`) as `ContactPadBridgeProtocol`.
 *
 * Why `window.X = ...` and not a top-level `var`: under Lightning Locker a library loaded with
 * ltng:require must attach what it shares to `window`, which Locker turns into a variable of the
 * component's namespace ("window.counter looks like a global declaration, but counter is attached
 * to Locker's secure window object and therefore is a namespace variable, not a global
 * variable"; developer.salesforce.com/docs/atlas.en-us.lightning.meta/lightning/security_share_code.htm).
 * Under Lightning Web Security the script runs in the namespace's sandbox and "access[es] a
 * virtual copy of the global window object" (developer.salesforce.com/docs/platform/lightning-components-security/guide/lws-js.html),
 * the same sandbox as the component's code, so the component reads it as `window.ContactPadBridgeProtocol`.
 */
export function defineBridgeProtocolGlobal(target: object): void {
  (target as Record<string, unknown>)[BRIDGE_PROTOCOL_GLOBAL] = bridgeProtocolGlobal;
}
