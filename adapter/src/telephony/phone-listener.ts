/** What the phone tells its owner (the controller), and how it tells it. */
import type { ContactPadError } from '../model/errors.ts';
import type { PhoneConnection } from '../model/phone-connection.ts';
import type { CallEnd } from './call-state.ts';
import type { CallOffer } from './sip-header-contract.ts';

/** What the phone tells its owner (the controller). */
export interface PhoneListener {
  /**
   * The connection to the SIP server changed (connecting, registered, unreachable, refused,
   * stopped). `error`, when given, is for the agent to read as a notice: the first refusal
   * since the phone last registered brings SIP_REGISTRATION_REFUSED (the state says
   * `refused` at each retry; the error comes once).
   */
  connection(state: PhoneConnection, error?: ContactPadError): void;
  /** An INVITE arrived and rings (180 Ringing has been sent). */
  incoming(offer: CallOffer): void;
  /**
   * An INVITE was refused before it rang (488 Not Acceptable Here): its media offer is one
   * this browser cannot take (offer-check.ts). `error` says why (CALL_MEDIA_UNPLAYABLE or
   * CALL_CODECS_UNSUPPORTED), as the end of "A call from ... could not be offered: ".
   */
  refused?(offer: CallOffer, error: ContactPadError): void;
  /** A call was answered (200 OK / ACK): media flows. */
  connected(callId: string): void;
  /** A call is over. Called once per call. */
  ended(callId: string, end: CallEnd): void;
  /** The far end put the call on hold (its re-INVITE offers sendonly or inactive), or took it off (held false). */
  heldByFarEnd?(callId: string, held: boolean): void;
}

/** `listener` with every call guarded: a listener that throws is logged and never breaks the phone. */
export function guarded(listener: PhoneListener): PhoneListener {
  const guard =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A): void => {
      try {
        fn(...args);
      } catch (error) {
        console.error('ContactPad phone listener failed', error);
      }
    };
  return {
    connection: guard((state: PhoneConnection, error?: ContactPadError) => listener.connection(state, error)),
    incoming: guard((offer: CallOffer) => listener.incoming(offer)),
    refused: guard((offer: CallOffer, error: ContactPadError) => listener.refused?.(offer, error)),
    connected: guard((callId: string) => listener.connected(callId)),
    ended: guard((callId: string, end: CallEnd) => listener.ended(callId, end)),
    heldByFarEnd: guard((callId: string, held: boolean) => listener.heldByFarEnd?.(callId, held)),
  };
}
