/**
 * How ContactPad stands with the console bridge, the way phone-connection.ts says it for the
 * SIP server: tab sync and Omni-Channel run through the bridge (a utility-bar component of the
 * console app, host/console-bridge.ts), which ContactPad is still looking for, has found, or
 * found missing (the admin has not added it; calls work meanwhile).
 */
export type BridgeConnection = 'looking' | 'connected' | 'missing';
