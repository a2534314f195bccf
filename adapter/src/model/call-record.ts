/**
 * Where the record of a call lives, which decides who pops it and who wraps it up. Pure.
 *
 * - `task` (Open CTI): ContactPad keeps it: the caller is looked up and popped by the
 *   screen-pop rules, wrap up runs on ContactPad's clock, and the interaction ends as one Task.
 * - `voice-call` (Service Cloud Voice, host/scv): Salesforce keeps it: the VoiceCall the
 *   platform's server created before the call rang. Salesforce pops it (and its related
 *   records), and its After Conversation Work is the wrap up; ContactPad looks up and pops
 *   nothing, and writes no Task (no second activity record of the same call).
 */
export type CallRecord = 'task' | 'voice-call';
