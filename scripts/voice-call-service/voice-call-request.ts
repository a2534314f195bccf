/**
 * What the SIP edge asks for (one call leg) and the Create VoiceCall request it becomes.
 *
 * The request body, field by field, as "Create a Voice Call Record" documents it
 * (developer.salesforce.com/docs/atlas.en-us.voice_developer_guide.meta/voice_developer_guide/voice_rest_voicecalls_create.htm,
 * POST /telephony/v1/voiceCalls):
 *   callCenterApiName  required: the API name of the contact center;
 *   vendorCallKey      required: the call's unique key in the telephony system (here the SIP
 *                      Call-ID of the leg's INVITE);
 *   to, from           required: the number called and the number calling;
 *   initiationMethod   required: Inbound, Outbound, Transfer (or Conference in older versions);
 *   startTime          required: when the call started;
 *   participants       required, at least one: { participantKey, type } with type END_USER or
 *                      HUMAN_AGENT;
 *   parentVoiceCallId  for transfers: the parent VoiceCall's record id or vendor call key;
 *                      required when initiationMethod is Transfer, left out otherwise.
 * Salesforce's own callers send the same shape: ServiceCloudVoiceLambdas
 * invokeTelephonyIntegrationApi/handler.js (createVoiceCall: initiationMethod "Inbound",
 * startTime new Date().toISOString(), participants [{ participantKey: caller, type: "END_USER" }];
 * createTransferVC: initiationMethod "Transfer" with parentVoiceCallId) and demo-scv-connector
 * src/server/scrtConnector.mjs createVoiceCall.
 *
 * Checked again on 2026-12-06 against the current pages: the Voice developer guide's "Create a
 * Voice Call Record" (developer.salesforce.com/docs/service/voice-dev-guide/guide/voice-rest-voicecalls-create.html:
 * URI https://{MyDomain}.my.salesforce-scrt.com/telephony/v1/voiceCalls, POST; headers
 * Authorization Bearer, Content-Type JSON or XML, Telephony-Provider-Name; callCenterApiName
 * required; parentVoiceCallId "for transfers ... a Salesforce Voice Call record ID or the voice
 * call's vendor call key"), the partner telephony guide's "Integrate Incoming Voice Call
 * Creation" (voice-pt-dev-guide: the telephony system creates the VoiceCall before routing the
 * call to a rep, with a JWT signed by the contact center's key that "stays on the server where it
 * was generated"), and the connector API's "Migrate Multiparty and Transfer Calls"
 * (api-cti guide: "Each call leg gets its own new VoiceCall record (0LQ...), created server-side
 * before publishing the leg's CALL_STARTED. Set parentVoiceCallId to link the child leg back to
 * the parent"; a blind transfer's HANGUP of the original call is the framework's). Salesforce's
 * current Lambda (handler.js at 04743cb) sends the fields above plus callSubtype and
 * callAttributes, which ContactPad does not need. NOT confirmed in the pages reached: the
 * participants' allowed types beyond END_USER (HUMAN_AGENT is from the 55.0-58.0 editions) and
 * whether `to` must be a phone number (the service sends the contact center's number when the
 * caller dialled a queue or an agent's SIP user).
 */

/** A Salesforce record id: 15 or 18 letters and digits. */
export const RECORD_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

/** What the SIP edge sends for one leg (form fields of POST /voice-calls). */
export interface EdgeLeg {
  /** The INVITE's Call-ID: the vendor call key. */
  readonly callId: string;
  /** The caller's number (P-Asserted-Identity user, else From user). */
  readonly from: string;
  /** The number called (To user). */
  readonly to: string;
  /** For a transfer leg: the VoiceCall id of the call being transferred. */
  readonly parent: string | undefined;
}

/** The JSON body of POST /telephony/v1/voiceCalls. */
export interface CreateVoiceCallBody {
  readonly callCenterApiName: string;
  readonly vendorCallKey: string;
  readonly to: string;
  readonly from: string;
  readonly initiationMethod: 'Inbound' | 'Transfer';
  readonly startTime: string;
  readonly participants: ReadonlyArray<{ readonly participantKey: string; readonly type: 'END_USER' }>;
  readonly parentVoiceCallId?: string;
}

/** Letters, digits and the characters of a dialable number or SIP user (no spaces, no controls). */
const SIP_USER = /^[A-Za-z0-9+*#._~!$&'()=,;:@%-]{1,128}$/;
/** A phone number as a caller or a trunk writes it: +, digits and the usual separators. */
const PHONE_NUMBER = /^\+?[0-9][0-9().\- ]{2,30}$/;

/**
 * The leg the edge described in `form`, or the reason it cannot become a VoiceCall. Every field
 * is checked: the edge copies them from SIP headers a caller controls.
 */
export function readEdgeLeg(form: URLSearchParams): EdgeLeg | { readonly problem: string } {
  const callId = form.get('call_id')?.trim() ?? '';
  const from = form.get('from')?.trim() ?? '';
  const to = form.get('to')?.trim() ?? '';
  const parent = form.get('parent')?.trim() || undefined;
  if (callId === '' || callId.length > 255 || /[\s\u0000-\u001f]/.test(callId)) return { problem: 'call_id is missing or not a SIP Call-ID' };
  if (!SIP_USER.test(from)) return { problem: 'from is missing or not a SIP user' };
  if (!SIP_USER.test(to)) return { problem: 'to is missing or not a SIP user' };
  if (parent !== undefined && !RECORD_ID.test(parent)) return { problem: 'parent is not a VoiceCall id' };
  return { callId, from, to, parent };
}

/**
 * The Create VoiceCall body for `leg`. `to` is the number called: the leg's To user when it is a
 * phone number, else (a queue or an agent's SIP user was dialled) the contact center's own
 * number when one is configured.
 */
export function createVoiceCallBody(leg: EdgeLeg, contactCenter: { readonly apiName: string; readonly phoneNumber: string | undefined }, startedAt: Date): CreateVoiceCallBody {
  const to = PHONE_NUMBER.test(leg.to) || contactCenter.phoneNumber === undefined ? leg.to : contactCenter.phoneNumber;
  const common = {
    callCenterApiName: contactCenter.apiName,
    vendorCallKey: leg.callId,
    to,
    from: leg.from,
    startTime: startedAt.toISOString(),
    participants: [{ participantKey: leg.from, type: 'END_USER' as const }],
  };
  return leg.parent === undefined ? { ...common, initiationMethod: 'Inbound' } : { ...common, initiationMethod: 'Transfer', parentVoiceCallId: leg.parent };
}
