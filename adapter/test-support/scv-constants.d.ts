/**
 * The types of scv-connector-base's own constants module (src/main/constants.js), which the
 * package ships but does not declare: the message and event type strings of Salesforce's side
 * (MESSAGE_TYPE is not in the exported Constants). The tests' container and the local console's
 * (scripts/console/page/scv-softphone.ts) read them from there, so an upgrade that renames one
 * fails loudly. Only the names they use are declared.
 */
declare module '@salesforce/scv-connector-base/src/main/constants.js' {
  type Names<K extends string> = { readonly [Name in K]: string };
  const constants: {
    readonly MESSAGE_TYPE: Names<
      | 'SETUP_CONNECTOR' | 'CONNECTOR_READY' | 'LOG' | 'TELEPHONY_EVENT_DISPATCHED' | 'ACCEPT_CALL' | 'DECLINE_CALL' | 'END_CALL' | 'MUTE' | 'UNMUTE'
      | 'HOLD' | 'RESUME' | 'SET_AGENT_STATUS' | 'DIAL' | 'SEND_DIGITS' | 'GET_PHONE_CONTACTS' | 'ADD_PARTICIPANT' | 'LOGOUT' | 'WRAP_UP_CALL' | 'SET_AGENT_CONFIG'
    >;
    readonly EVENT_TYPE: Names<
      | 'CALL_STARTED' | 'CALL_CONNECTED' | 'CALL_FAILED' | 'MUTE_TOGGLE' | 'HOLD_TOGGLE' | 'HANGUP' | 'ERROR' | 'INFO' | 'PHONE_CONTACTS' | 'PARTICIPANT_ADDED'
      | 'PARTICIPANT_CONNECTED' | 'PARTICIPANT_REMOVED' | 'LOGOUT_RESULT' | 'SHOW_LOGIN' | 'SET_AGENT_STATUS_RESULT' | 'AFTER_CALL_WORK_STARTED' | 'AGENT_CONFIG_UPDATED'
    >;
    readonly ERROR_TYPE: Names<
      | 'GENERIC_ERROR' | 'INVALID_PARTICIPANT' | 'INVALID_DESTINATION' | 'INVALID_PARAMS' | 'INVALID_AGENT_STATUS' | 'CAN_NOT_DECLINE_THE_CALL' | 'CAN_NOT_END_THE_CALL'
      | 'CAN_NOT_HOLD_CALL' | 'CAN_NOT_RESUME_CALL' | 'CAN_NOT_MUTE_CALL' | 'CAN_NOT_START_THE_CALL' | 'CAN_NOT_ADD_PARTICIPANT' | 'CAN_NOT_SET_AGENT_STATUS'
      | 'CAN_NOT_GET_PHONE_CONTACTS' | 'CAN_NOT_LOG_IN' | 'CAN_NOT_SET_AGENT_CONFIG'
    >;
    readonly INFO_TYPE: Names<'CAN_NOT_ACCEPT_THE_CALL'>;
    readonly CAPABILITIES_TYPE: Names<
      | 'MUTE' | 'RECORD' | 'MERGE' | 'SWAP' | 'SIGNED_RECORDING_URL' | 'DEBUG_ENABLED' | 'CONTACT_SEARCH' | 'VENDOR_PROVIDED_AVAILABILITY'
      | 'VENDOR_PROVIDED_QUEUE_WAIT_TIME' | 'SUPERVISOR_LISTEN_IN' | 'SUPERVISOR_BARGE_IN' | 'MOS' | 'BLIND_TRANSFER' | 'TRANSFER_TO_OMNI_FLOW'
      | 'PENDING_STATUS_CHANGE' | 'PHONEBOOK'
    >;
    readonly AGENT_CONFIG_TYPE: Names<'PHONES' | 'SELECTED_PHONE'>;
    readonly AGENT_STATUS: Names<'ONLINE' | 'OFFLINE' | 'ACW'>;
    readonly PARTICIPANT_TYPE: Names<'AGENT' | 'INITIAL_CALLER' | 'THIRD_PARTY'>;
    readonly CALL_TYPE: Names<'INBOUND' | 'OUTBOUND' | 'ADD_PARTICIPANT'>;
    readonly CALL_STATE: Names<'RINGING' | 'CONNECTED' | 'TRANSFERRING' | 'TRANSFERRED' | 'ENDED'>;
    readonly CONTACT_TYPE: Names<'AGENT' | 'QUEUE' | 'PHONENUMBER' | 'PHONEBOOK'>;
    readonly PHONE_TYPE: Names<'SOFT_PHONE' | 'DESK_PHONE'>;
  };
  export default constants;
}
