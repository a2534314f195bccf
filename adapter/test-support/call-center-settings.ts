/**
 * Call center items for the settings tests: what Open CTI getCallCenterSettings returns for
 * the project's CallCenter definition, the documented management defaults, and a reader.
 */
import { readSettings } from '../src/model/settings.ts';

/** What Open CTI getCallCenterSettings returns for the project's CallCenter definition. */
export const CALL_CENTER: Record<string, string> = {
  '/reqGeneralInfo/reqInternalName': 'ContactPadCallCenter',
  '/reqGeneralInfo/reqDisplayName': 'ContactPad',
  '/reqGeneralInfo/reqAdapterUrl': '/apex/ContactPad',
  '/reqGeneralInfo/reqUseApi': 'true',
  '/reqGeneralInfo/reqSoftphoneHeight': '560',
  '/reqGeneralInfo/reqSoftphoneWidth': '360',
  '/reqGeneralInfo/reqSalesforceCompatibilityMode': 'Lightning',
  '/ContactPad/sipServerUrl': 'wss://sip.example.com/ws',
  '/ContactPad/sipDomain': 'sip.example.com',
  '/ContactPad/wrapUpSeconds': '60',
  '/ContactPad/notReadyReasons': 'Break,Lunch,Meeting,Training',
  '/ContactPad/dispositions': 'Resolved,Callback requested,Sale,No sale,Wrong number',
  '/ContactPad/declineReasons': 'Busy with another customer,Not my skill,Ending my shift',
  '/ContactPad/rejectStatusCode': '486',
  '/ContactPad/defaultCountry': 'US',
  '/ContactPad/lookupTimeoutMs': '8000',
  '/ContactPad/iceServers': 'none',
  '/ContactPad/dtmfMethod': 'rfc4733',
  '/ContactPad/keyboardShortcuts': 'accept=Alt+Shift+A; reject=Alt+Shift+R; hold=Alt+Shift+H; mute=Alt+Shift+M; release=Alt+Shift+E',
};

/** The documented defaults of the multi-interaction management settings. */
export const MANAGEMENT_DEFAULTS = {
  stateAfterReject: 'stay',
  rejectNotReadyReason: 'Rejected call',
  cooldownSeconds: 0,
  cooldownAfterCallback: false,
  callbackAttemptLimit: 3,
  capacityVoice: 1,
  capacityVideo: 1,
  capacityChat: 3,
  capacityEmail: 2,
  capacityCase: 2,
  autoAcceptWork: true,
  closeTabAfterWrapUp: false,
  requireDisposition: false,
  wrapUpExtendSeconds: 30,
  consultTimeoutSeconds: 30,
  presenceLeads: 'contactpad',
  // the item's text, read by the presence desk (presence-map.test.ts: blank is ready=Available;not-ready=Busy;offline=Offline)
  presenceMap: '',
} as const;

/** The documented defaults of the call-control items (issue 11): failed-call reasons, no-answer time, keypad tones, recording, keyboard shortcuts. */
export const CALL_CONTROL_DEFAULTS = {
  failedCallReasons: ['Try again later', 'Wrong number', 'Number not in service', 'Customer asked not to be called'],
  noAnswerSeconds: 45,
  dtmfMethod: 'rfc4733',
  recordingControls: false,
  recordingAutoStart: false,
  // the item's text, read after the first paint (keyboard-shortcuts.test.ts: blank is Alt+Shift+A, R, H, M, E)
  keyboardShortcuts: '',
} as const;

/** The two items a call center must have. */
export const MINIMAL = { '/ContactPad/sipServerUrl': 'wss://sip.example.com/ws', '/ContactPad/sipDomain': 'sip.example.com' };

/** Settings read from the minimal call center with `overrides`. */
export function readWith(overrides: Record<string, unknown>) {
  return readSettings({ ...MINIMAL, ...overrides });
}

