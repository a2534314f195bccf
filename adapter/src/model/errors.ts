/**
 * ContactPad's error catalogue. Every failure the agent or an admin can see carries a
 * stable `code` from this table, with what it means, its likely causes and a fix, so a
 * support engineer can find the same code in logs, in the widget and in the README.
 *
 * Rooms add their own codes here (one table, no bare strings thrown anywhere).
 */
export const ERROR_CATALOGUE = {
  INVALID_TRANSITION: {
    description: 'A state change was asked for that the state machine does not allow.',
    causes: ['An event arrived out of order, or twice.'],
    fix: 'This is a bug in ContactPad or its caller: report it with the log.',
  },
  INTERACTION_CLOSED: {
    description: 'Wrap up details (disposition, notes) were given for an interaction that is not answered or already ended.',
    causes: ['The wrap up form was submitted twice, or after the interaction was finished.', 'A call was still ringing.'],
    fix: 'This is a bug in ContactPad or its caller: report it with the log. The Task already written is not changed.',
  },
  INVALID_AGENT_STATE_CHOICE: {
    description: 'The agent chose a state that cannot be chosen (Not Ready without a reason, or an unknown state).',
    causes: ['Not Ready was chosen with an empty reason.', 'The widget sent a state other than Ready, Not Ready or Offline.'],
    fix: 'Pick a Not Ready reason from the list; if the list is empty, ask the admin to fill the notReadyReasons setting.',
  },
  INVALID_INTERACTION: {
    description: 'An interaction was offered without the facts ContactPad needs (an id, a known channel and direction).',
    causes: ['The INVITE carried neither X-CP-Interaction-Id nor a Call-ID.', 'A caller passed an unknown channel or direction.'],
    fix: 'This is a bug in ContactPad or in the platform that rang the agent: report it with the SIP trace.',
  },
  CAPACITY_EXCEEDED: {
    description: 'The agent is already handling as many interactions of this kind as their capacity allows.',
    causes: [
      'A new call, chat, email or case was offered while the agent was at capacity for that kind (capacityVoice, capacityChat, capacityEmail, capacityCase).',
      'The same work item was assigned twice.',
    ],
    fix: 'Finish or release an interaction of that kind first; an admin can raise the capacity in the call center settings. The platform routes the refused work elsewhere.',
  },
  INVALID_INPUT: {
    description: 'The agent asked for something with what they typed, and ContactPad cannot use it as it is.',
    causes: [
      'Dial was pressed with an empty number box (or only spaces in it).',
      'The dial box held a name or an address that is neither a phone number nor a sip: or sips: address (a colleague is called from the directory).',
      'Keypad tones were asked for with a character that is no keypad key (a letter other than A-D, a space, +): the message names it, and nothing was sent.',
    ],
    fix: 'Type the number to call (with + and the country code for another country) or a SIP address, and dial again.',
  },
  INVALID_CONFIGURATION: {
    description: 'ContactPad was started with a setting that is missing or malformed.',
    causes: ['A call center item or a local console setting is empty or has the wrong form.'],
    fix: 'Correct the setting named in the message (see the README, Configuration).',
  },
  SIP_SERVER_UNREACHABLE: {
    description: 'Cannot reach the phone server.',
    causes: ['The SIP server is down or restarting.', 'The WebSocket URL is wrong.', 'A firewall or proxy blocks WebSocket traffic.'],
    fix: 'ContactPad retries on its own. If it keeps failing, check the SIP server and its WebSocket URL.',
  },
  SIP_REGISTRATION_REFUSED: {
    description: 'The phone server refused to register this agent (it answered the REGISTER with 403, 404...): no call can ring.',
    causes: [
      'Wrong SIP user or password.',
      'The agent is not provisioned on the SIP server.',
      'The ContactPad SIP User on the agent\'s User record does not name their SIP account.',
    ],
    fix: 'Check the agent\'s SIP credentials with the telephony administrator. ContactPad keeps trying on its own (the phone banner counts down to the next try) and is ready as soon as the server accepts.',
  },
  SIP_CREDENTIAL_UNAVAILABLE: {
    description: 'The phone cannot register: Salesforce did not give this agent a SIP credential (the credential endpoint could not be reached, or refused).',
    causes: [
      'The ContactPad SIP Edge custom setting has no SIP Secret (SIP_EDGE_NOT_CONFIGURED).',
      'The agent\'s User record has no ContactPad SIP User, or one with characters other than letters, digits and . _ ~ - (NO_SIP_USER, INVALID_SIP_USER).',
      'The agent lacks the ContactPad Agent permission set (FORBIDDEN: no access to the Apex class ContactPadSipCredential), or force-app is not deployed (NOT_FOUND).',
      'Salesforce could not be reached, or is unavailable.',
    ],
    fix: 'The message names what is missing. A Salesforce admin sets the SIP Secret in Setup > Custom Settings > ContactPad SIP Edge (the same secret as the SIP server\'s), fills the agent\'s ContactPad SIP User, or assigns the ContactPad Agent permission set. ContactPad keeps trying on its own (every few minutes at most) and registers as soon as a credential comes; a credential already held keeps working until it expires.',
  },
  SIP_CREDENTIAL_EXPIRED: {
    description: 'The phone server refused this agent\'s SIP credential as expired, even after ContactPad fetched a fresh one.',
    causes: [
      'The clocks of Salesforce and the phone server disagree by more than the credential\'s lifetime.',
      'The credential lifetime in ContactPad SIP Edge is shorter than the time the credential takes to reach the phone server.',
    ],
    fix: 'The telephony administrator checks the phone server\'s clock (NTP). ContactPad keeps trying on its own.',
  },
  SIP_CREDENTIAL_NOT_THIS_AGENT: {
    description: 'The SIP credential is for another SIP user than the one this phone registers as.',
    causes: [
      'The agent\'s ContactPad SIP User was changed after the console was opened.',
      'The phone server maps SIP users differently from Salesforce.',
    ],
    fix: 'Reload the console so ContactPad registers as the SIP user now on the User record; if it repeats, the admin compares the user record with the phone server.',
  },
  SIP_CREDENTIAL_INVALID: {
    description: 'The phone server refused this agent\'s SIP credential as wrong (its signature does not match).',
    causes: [
      'The SIP Secret in Salesforce (ContactPad SIP Edge) differs from the phone server\'s secret.',
      'The secret was changed on one side only.',
    ],
    fix: 'The admins set the same secret in Salesforce (Setup > Custom Settings > ContactPad SIP Edge) and on the phone server. ContactPad fetches a fresh credential and keeps trying on its own.',
  },
  PHONE_TAKE_OVER_REFUSED: {
    description: 'The phone stays in the other tab or window of ContactPad: a call is live there, and taking the phone over would cut it.',
    causes: ['The agent pressed "Use the phone here" while the tab or window with the phone had a call connected, on hold or ringing.'],
    fix: 'Finish the call in the other tab or window (or close that one after the call), then press "Use the phone here" again.',
  },
  SIP_CALL_FAILED: {
    description: 'A call could not be set up or ended unexpectedly.',
    causes: ['The far end refused the call.', 'Media could not be negotiated.'],
    fix: 'Try again; if it repeats, check the SIP server logs for the call id.',
  },
  CALL_CODECS_UNSUPPORTED: {
    description: 'A call could not be taken: the caller\'s phone offered only audio codecs the browser cannot play, so it was refused with 488 Not Acceptable Here.',
    causes: ['A trunk or PBX offers only G.729 (or another codec browsers do not have), and the media gateway passes codecs through without transcoding.'],
    fix: 'The admins have the trunk offer G.711 (PCMU or PCMA) or opus as well, or turn on transcoding in the media gateway (docs/sip-edge.md).',
  },
  CALL_MEDIA_UNPLAYABLE: {
    description: 'A call could not be offered to the agent: its media offer (SDP) is one the browser cannot take, so it was refused with 488 Not Acceptable Here before it rang.',
    causes: [
      'A phone line\'s plain RTP (no ICE, no DTLS) reached the browser: the media gateway (rtpengine) was not in the call\'s path.',
      'The caller\'s SDP is unreadable, truncated, or lacks ICE credentials, a valid DTLS fingerprint or rtcp-mux.',
    ],
    fix: 'Nothing to do for the agent: the caller is refused at once and the platform can offer the call elsewhere. The admins check the SIP server\'s routing (docs/sip-edge.md) and the caller\'s equipment for the call id.',
  },
  VIDEO_UNAVAILABLE: {
    description: 'A video call went on as a voice call: the caller\'s video cannot be shown in this browser.',
    causes: [
      'The caller\'s app offered only video formats the browser cannot decode (for example H.265 to a browser without it).',
      'The call was marked as video (X-CP-Kind: video) but its offer carried no video.',
    ],
    fix: 'Go on talking: the call has audio both ways. The admins check which video formats the mobile app offers (VP8, VP9, H.264 or AV1 reach every browser ContactPad supports).',
  },
  CAMERA_UNAVAILABLE: {
    description: 'A video call goes on without the agent\'s camera (accepted without it, or it did not turn on, come back after a hold, or keep running): the caller sees no picture of the agent, but hears them, and the agent sees the caller.',
    causes: [
      'No camera is connected, or it was unplugged.',
      'The browser blocks the camera for the ContactPad site.',
      'Another application (a meeting app) is using the camera.',
      'The caller\'s app did not take the agent\'s video (it refused the re-INVITE that offered it).',
    ],
    fix: 'Connect a camera, allow it in the site settings (the padlock in the address bar), or close the application that holds it, then press Turn camera on in the video window.',
  },
  DTMF_FAILED: {
    description: 'Keypad tones (DTMF) could not be sent on the call; the call goes on.',
    causes: [
      'The far end refused the SIP INFO that carries a tone (405, 415, 501...), or did not answer it.',
      'The call was put on hold, or ended, while the tones were being sent.',
    ],
    fix: 'Press the keys again; if the far end refuses INFO, an admin sets dtmfMethod to rfc4733 (tones in the audio) for trunks that take them. The message says which keys went out.',
  },
  DTMF_SENT_AS_INFO: {
    description: 'This call cannot carry keypad tones in its audio (RFC 4733), so ContactPad sends them as SIP INFO (application/dtmf-relay) instead.',
    causes: ['The far end offered no telephone-event in its SDP, so the browser has no DTMF sender for the call (RTCDTMFSender.canInsertDTMF is false).'],
    fix: 'Nothing for the agent: the tones still go out. If the far end does not act on INFO, the telephony admin lets the trunk or media gateway offer telephone-event.',
  },
  CALL_QUALITY_POOR: {
    description: 'The line of a call is poor: the caller\'s audio is being lost, arrives unevenly, or takes long to arrive (figures from the browser\'s WebRTC statistics).',
    causes: ['Network congestion or Wi-Fi trouble on the agent\'s side.', 'A poor line on the caller\'s side (a mobile phone with weak signal).', 'A VPN or a far-away media server adding delay.'],
    fix: 'Tell the caller if they are hard to hear; move to a wired network or close bandwidth-hungry applications. If many calls are poor, the admins look at the network path to the media gateway. The warning comes once per degradation.',
  },
  RECORDING_FAILED: {
    description: 'A recording command (start, pause, resume or stop) did not take effect: the recording stays as it was, and the call goes on.',
    causes: [
      'The platform refused the SIP INFO that carries it (403 not allowed for this call, 488 or 415 it does not read that body, 501 it does not record).',
      'The platform did not answer it in time, or it could not be sent (the connection to the phone server dropped).',
      'The call ended before the platform answered.',
    ],
    fix: 'Try again; if the platform keeps refusing, the telephony admin checks that it records calls and reads application/vnd.contactpad.recording+json (docs/architecture.md, "Messages to the platform"). The message says what the platform answered.',
  },
  RECORDING_PENDING: {
    description: 'A recording command was asked for while the previous one was still waiting for the platform\'s answer; nothing was sent.',
    causes: ['A recording button was pressed twice in quick succession, or during a slow answer from the platform.'],
    fix: 'Wait for the recording status to change (or for the message saying it did not), then press again.',
  },
  VOICEMAIL_DROP_FAILED: {
    description: 'The pre-recorded voicemail message could not be played into the call: the call stays with the agent, nothing was sent.',
    causes: [
      'The message\'s audio file could not be loaded (404: the static resource or URL in ContactPad Voicemail Message is wrong, or not shared with the agent).',
      'The file is not audio the browser can decode (a WAV, MP3 or Ogg file is needed).',
      'The call is not connected (on hold, or already ending), or the browser could not play audio into it.',
    ],
    fix: 'Leave the message yourself, or release the call. An admin checks the message\'s Audio URL in Setup > Custom Metadata Types > ContactPad Voicemail Message (open it in a browser: it must play).',
  },
  CALL_NOT_FOUND: {
    description: 'An action was asked for a call the phone does not have (it ended, or never rang here).',
    causes: ['The caller hung up just before Accept, Reject or Release was clicked.', 'A stale call id was sent twice.'],
    fix: 'Nothing to do for the agent; if it repeats, report it with the log (it is a ContactPad bug).',
  },
  CALL_BLOCKED_DO_NOT_CALL: {
    description: 'An outbound call was not placed: the record it was placed from, or a Contact or Lead with that number, is marked Do Not Call.',
    causes: ['The customer asked not to be called, and the Do Not Call box (DoNotCall) of their Contact or Lead is ticked.'],
    fix: 'Do not call this customer. If the flag is wrong, whoever may change the record clears Do Not Call in Salesforce; the notice names the record.',
  },
  CALL_BLOCKED_BLOCK_LIST: {
    description: 'An outbound call was not placed: the number is on the company block list (a ContactPad Dialing List Entry of the list Block). A block list entry always wins, over every allow list.',
    causes: ['An admin listed the number, or a prefix of it (premium-rate or abroad ranges, +1900*), under Setup > Custom Metadata Types > ContactPad Dialing List Entry.'],
    fix: 'Do not call the number. If it should be callable, a Salesforce admin removes or deactivates the entry (the notice names its label).',
  },
  CALL_BLOCKED_COUNTRY: {
    description: 'An outbound call was not placed: the number\'s country is not on the country allow list (Allowed Countries of the ContactPad Outbound Setting), or its country cannot be told.',
    causes: ['The number belongs to a country the company does not call.', 'A national number was typed without + and the country code, and it was read in the call center\'s default country.'],
    fix: 'Type the number with + and its country code. If calls to that country are allowed, a Salesforce admin adds its two-letter code to Allowed Countries.',
  },
  CALL_BLOCKED_NOT_ON_ALLOW_LIST: {
    description: 'An outbound call was not placed: the company allow list has entries, and the number is on neither it nor the agent\'s personal allow list.',
    causes: ['The company calls only listed numbers (ContactPad Dialing List Entry, list Allow), and this number is not listed.'],
    fix: 'A Salesforce admin adds the number to the company allow list, or to the agent\'s personal allow list (list Personal Allow, with the agent named).',
  },
  CALL_BLOCKED_CALLING_HOURS: {
    description: 'An outbound call was not placed: it is outside the calling hours in the recipient\'s time zone (or the time zone cannot be known, and the strictest rule applies).',
    causes: [
      'The recipient\'s local time is before the start or after the end of the calling hours, or on a day calls are not allowed (ContactPad Outbound Setting).',
      'The number may be in several time zones (an area code split between two, or a country code alone) and it is outside the hours in one of them; the record names no time zone.',
      'Nothing tells where the number is, so its local time cannot be known.',
    ],
    fix: 'Call again within the calling hours (the notice says the recipient\'s local time and the hours). A record\'s time zone field (Record Time Zone Field of the setting) tells ContactPad exactly where a customer is.',
  },
  CALL_BLOCKED_UNCHECKED: {
    description: 'An outbound call was not placed because the compliance check could not be made: the lists, the settings or the records could not be read from Salesforce. The check fails closed.',
    causes: ['Salesforce was unreachable or refused the request (session expired, API limit).', 'The agent cannot read the ContactPad dialing lists or a Contact\'s or Lead\'s Do Not Call field (the ContactPad Agent permission set grants both).', 'The record the call was placed from was deleted.'],
    fix: 'Try again in a moment; the notice says what Salesforce answered. If it repeats, a Salesforce admin checks the agent\'s ContactPad Agent permission set.',
  },
  CALL_BUSY: {
    description: 'A call the agent placed did not connect: the line was busy (486 Busy Here or 600 Busy Everywhere).',
    causes: ['The person called is on another call, or their phone refused the call as busy.'],
    fix: 'Try again later; record a reason for the failed call if asked.',
  },
  CALL_NOT_ANSWERED: {
    description: 'A call the agent placed did not connect: nobody answered (480 Temporarily Unavailable, 408 Request Timeout, or no answer within the ring time, noAnswerSeconds).',
    causes: ['Nobody picked up.', 'The phone called is switched off or out of reach.'],
    fix: 'Try again later; record a reason for the failed call if asked. An admin sets how long a call rings in noAnswerSeconds.',
  },
  CALLBACK_NOT_CONNECTED: {
    description: 'A callback did not reach the customer: their line was busy, nobody answered, or the call failed. The request waits for another attempt, or is Failed after the attempt limit (callbackAttemptLimit, 3 by default).',
    causes: ['The customer is on another call, away from the phone, or the number no longer works.'],
    fix: 'Nothing to do: the platform offers the request again later (the attempt and its reason are on the Task). After the last attempt, follow up another way (email, SMS).',
  },
  CALLBACK_NOT_ALLOWED: {
    description: 'A callback request was moved in a way its rules do not allow: started twice, or after it was completed, closed as a duplicate, cancelled or Failed.',
    causes: ['Another agent started the same callback a moment earlier.', 'The request was closed (a duplicate of the caller\'s first request, or cancelled) while it was offered.'],
    fix: 'Nothing to do: the other agent has the call. Refresh the list of callback requests.',
  },
  CALL_DECLINED: {
    description: 'A call the agent placed did not connect: the person called declined it (603 Decline).',
    causes: ['The person called pressed Decline.'],
    fix: 'Record a reason for the failed call; call again only if the customer expects it.',
  },
  CALL_NUMBER_INVALID: {
    description: 'A call the agent placed did not connect: the number does not exist or is incomplete (404 Not Found, 484 Address Incomplete, 410 Gone, 604 Does Not Exist Anywhere).',
    causes: ['A digit is missing or wrong.', 'The number is no longer in service.', 'A national number was dialled in the wrong country.'],
    fix: 'Check the number (with + and the country code); correct the record if it holds a wrong number.',
  },
  MEDIA_UNAVAILABLE: {
    description: 'The microphone (or camera) could not be opened.',
    causes: ['The browser denied permission.', 'No headset is connected.'],
    fix: 'Allow microphone access for Salesforce and connect a headset.',
  },
  MICROPHONE_BLOCKED: {
    description: 'The agent cannot go Ready: the browser blocked the microphone for ContactPad\'s site.',
    causes: ['The agent (or a browser policy) answered Block when the browser asked for the microphone.', 'The console\'s frame for the softphone is not allowed the microphone.'],
    fix: 'Allow the microphone in the address bar\'s site settings (the padlock or tune icon), then choose Ready again. The agent stays Not Ready meanwhile.',
  },
  MICROPHONE_MISSING: {
    description: 'The agent cannot go Ready: no microphone is connected to this computer.',
    causes: ['The headset is unplugged or switched off.', 'The operating system hides the microphone from the browser.'],
    fix: 'Connect a headset or a microphone, then choose Ready again. The agent stays Not Ready meanwhile.',
  },
  AUDIO_DEVICE_LOST: {
    description: 'An audio device the agent chose (microphone, speaker or ringer) was disconnected: ContactPad uses the default one instead.',
    causes: ['A headset was unplugged, switched off or went out of Bluetooth range.'],
    fix: 'Nothing is needed: calls go on with the default device. Reconnect the headset; ContactPad uses it again from the next call (not in the middle of one).',
  },
  AUDIO_DEVICE_FAILED: {
    description: 'The browser refused an audio device ContactPad tried to use.',
    causes: ['The device was disconnected a moment before.', 'Another application holds the microphone.', 'The browser does not let this page choose an output device.'],
    fix: 'Choose another device in Devices, or reconnect it and choose it again.',
  },
  RINGTONE_BLOCKED: {
    description: 'A call rings but the browser will not play the ringtone until the agent clicks in ContactPad (its autoplay policy).',
    causes: ['ContactPad was reloaded and the agent has not clicked in it since.', 'The console does not let the softphone frame play sound on its own.'],
    fix: 'Click anywhere in ContactPad: the ringtone starts, and keeps working for the rest of the session.',
  },
  RINGTONE_FAILED: {
    description: 'The ringtone file could not be played.',
    causes: ['The static resource was deployed without ringtone.wav.', 'The browser cannot decode it.'],
    fix: 'Redeploy the contactpad static resource built by npm run build. Calls still ring on screen meanwhile.',
  },
  CRM_SESSION_EXPIRED: {
    description: 'The Salesforce session has expired (INVALID_SESSION_ID).',
    causes: ['The agent logged out in another tab.', 'The session timed out.', 'Salesforce refused the session for one request (the next one may be taken again).'],
    fix: 'Nothing is lost: pending activity logs wait in the browser and are sent as soon as a Salesforce request succeeds again (the next caller lookup included). If it lasts, log in to Salesforce again and reload the console.',
  },
  CRM_REQUEST_LIMIT: {
    description: 'The org has used its daily API allocation (REQUEST_LIMIT_EXCEEDED).',
    causes: ['Other integrations spent the shared API allocation.'],
    fix: 'Ask the Salesforce admin to check API usage; logs are retried later.',
  },
  CRM_UNAVAILABLE: {
    description: 'Salesforce did not answer, or answered that it is unavailable.',
    causes: ['Network trouble.', 'A Salesforce maintenance window (503).', 'The request timed out.'],
    fix: 'Nothing to do: lookups fall back to an unknown caller and logs are retried.',
  },
  CRM_REQUEST_REJECTED: {
    description: 'Salesforce rejected a request.',
    causes: ['A field or object is not visible to this user.', 'A validation rule failed.'],
    fix: 'Check the message and the agent\'s permission set.',
  },
  HOST_UNAVAILABLE: {
    description: 'The Salesforce console (Open CTI) is not available.',
    causes: ['ContactPad was opened outside the console.', 'opencti_min.js did not load.'],
    fix: 'Open ContactPad from the console\'s softphone panel.',
  },
  HOST_REQUEST_FAILED: {
    description: 'The Salesforce console refused an Open CTI request.',
    causes: ['The record no longer exists or the agent cannot see it.', 'A bad parameter.'],
    fix: 'See the message; the call itself is not affected.',
  },
  WORK_DELIVERY_FAILED: {
    description: 'An Omni-Channel work item (chat, email, case) could not be delivered to this agent.',
    causes: ['The customer left the chat before it reached the agent.', 'Omni-Channel took the work back (the agent went offline, or it timed out).'],
    fix: 'Nothing to do: Omni-Channel routes the work to another agent.',
  },
  WORK_RECORD_UNAVAILABLE: {
    description: 'The record behind a work item (a Messaging Session, a Case or a legacy Chat Transcript) was deleted or this agent cannot see it.',
    causes: [
      'The record was deleted or merged after it was routed.',
      'The agent\'s sharing or permission set does not give access to it.',
      'The org does not have the object (legacy Chat is retired: new orgs have no Chat Transcripts).',
    ],
    fix: 'ContactPad declines the work so Omni-Channel routes it elsewhere; an admin checks the agent\'s access to Messaging Sessions, Cases and (where Chat is still on) Chat Transcripts.',
  },
  WORK_OBJECT_UNKNOWN: {
    description: 'Omni-Channel routed a record of an object ContactPad does not work with (not a Messaging Session, a Case or a Chat Transcript).',
    causes: ['A service channel routes Leads, Orders or a custom object to this agent.', 'A new Salesforce channel ContactPad does not know yet.'],
    fix: 'Nothing is lost: the work stays in the Omni-Channel widget, where the agent accepts it. An admin can keep such channels away from ContactPad agents; the message names the record id and its key prefix.',
  },
  CALLBACK_NO_DEVICE: {
    description: 'A callback cannot be placed: no device of the agent can ring (this browser\'s phone is not registered, and no other device is registered for the agent).',
    causes: ['The phone is offline or still connecting.', 'The agent\'s desk phone or softphone app is switched off or not registered with the SIP server.', 'The device chosen has gone from the registration since the list was shown.'],
    fix: 'Activate a device first: wait for "Phone ready", or register the desk phone with the agent\'s SIP user, then choose Call back again.',
  },
  CALLBACK_DEVICE_FAILED: {
    description: 'A callback through the agent\'s other device did not start: that device did not answer, refused the call, or is not registered. The customer was not called.',
    causes: ['Nobody picked up the device within the ring time (noAnswerSeconds).', 'The device declined the call or was busy (486, 603).', 'The SIP edge found no such registered device (404).'],
    fix: 'Pick up the device when it rings with "Callback to <number>", or choose another device (or this browser) and call back again.',
  },
  CALLBACK_CUSTOMER_FAILED: {
    description: 'A callback through the agent\'s other device answered there, but the customer was not connected: the device refused to call the customer (it refused the REFER), or the customer\'s line failed (busy, no answer, invalid number).',
    causes: ['The device does not support call transfer (REFER) or has it switched off.', 'The customer\'s line was busy, nobody answered, or the number does not exist.'],
    fix: 'The message gives the device\'s or the network\'s answer. Call back from this browser, or try again later; the agent may record a reason.',
  },
  TRANSFER_FAILED: {
    description: 'An interaction could not be handed to the chosen agent or service; it stays with this agent.',
    causes: ['The chosen agent or queue cannot own the record (inactive user, queue without Case).', 'The far end refused a call transfer.'],
    fix: 'Pick another agent or service, or keep the interaction; the message says what Salesforce or the phone server answered.',
  },
  CONSULT_FAILED: {
    description: 'The consult call did not reach the colleague, service or number; the interaction it was about stays with the agent (a call stays on hold).',
    causes: [
      'Nobody answered within the consultTimeoutSeconds call center setting, so ContactPad cancelled the consult.',
      'The colleague declined or was busy (486, 603), or the number or SIP user does not exist (404).',
    ],
    fix: 'Retrieve the call, or consult someone else; an admin can lengthen consultTimeoutSeconds.',
  },
  CONFERENCE_FAILED: {
    description: 'The two calls could not be joined into a three-way call; both go on as two calls.',
    causes: ['The browser could not mix audio (Web Audio unavailable or refused).', 'The microphone was not open on either call.'],
    fix: 'Use the calls one at a time (Retrieve swaps between them), or complete the transfer; reload ContactPad if it keeps failing.',
  },
  DISPOSITION_REQUIRED: {
    description: 'Wrap up cannot end without a disposition (the requireDisposition setting is on).',
    causes: ['Done was pressed, or the wrap-up time ran out, before a disposition was chosen.'],
    fix: 'Choose a disposition and press Done; the interaction stays in wrap up until then.',
  },
  CONSOLE_BRIDGE_MISSING: {
    description: 'Tab sync and Omni-Channel are off: the ContactPad Console Bridge is not in the console app\'s utility bar.',
    causes: ['The admin did not add the ContactPad Console Bridge utility item.', 'The console app is not a Lightning console app.'],
    fix: 'Add the ContactPad Console Bridge to the console app\'s utility bar (README, Console bridge). Calls keep working meanwhile.',
  },
  SCHEDULE_IN_PAST: {
    description: 'A scheduled call (a callback request for the agent at a date and time) was given a time that has already passed; nothing was scheduled or moved.',
    causes: ['The date or time picked is earlier than now (or the moment passed while the agent was choosing).'],
    fix: 'Pick a date and time to come and schedule again.',
  },
  SCHEDULED_RECORD_UNAVAILABLE: {
    description: 'A scheduled call names the record it was scheduled from, and that record cannot be read now: the call is checked by its number only, and when it starts the screen-pop rules find the caller by number instead of popping that record.',
    causes: [
      'The record was deleted (or merged) after the call was scheduled.',
      'The record is no longer shared with the agent, or the agent lost access to its object.',
      'Salesforce could not be asked (offline, session expired): the notice says so.',
    ],
    fix: 'Open the right record by hand during the call (the Task links to the record open then). If the record should be visible, a Salesforce admin checks its sharing.',
  },
  RESCHEDULE_TIME_PASSED: {
    description: 'A calling record\'s next call attempt was rescheduled to a time that has already passed; nothing was changed.',
    causes: ['The date or time picked is earlier than now (or the moment passed while the agent was choosing).'],
    fix: 'Pick a date and time to come and reschedule again; the record stays on the calling list meanwhile.',
  },
  CALLING_LIST_UNAVAILABLE: {
    description: 'The calling list (the members of a Salesforce Campaign, or the records of a Lead or Contact list view) could not be read, or an outcome could not be logged on a calling record.',
    causes: [
      'The agent cannot read Campaigns or Campaign Members (Marketing User, or the ContactPad Agent permission set without Campaign access).',
      'The campaign was deleted or made inactive, or has no members to call.',
      'The list view was deleted, or is no longer shared with the agent.',
    ],
    fix: 'Pick another list or try again; a Salesforce admin checks the agent\'s access to Campaigns and the campaign\'s member statuses, or the list view\'s sharing (README, Preview dialling).',
  },
  CALLING_OUTCOME_REFUSED: {
    description: 'Salesforce refused to write a calling record\'s outcome (its Task, and a campaign member\'s Status): nothing of it was written, and it is not tried again.',
    causes: [
      'The campaign member was removed from the campaign, or the Lead or Contact was deleted or merged (ENTITY_IS_DELETED, INVALID_CROSS_REFERENCE_KEY).',
      'A validation rule on Task or Campaign Member refused it (FIELD_CUSTOM_VALIDATION_EXCEPTION).',
      'The agent lost access to the record or to Tasks.',
    ],
    fix: 'The notice names the record, the outcome and Salesforce\'s reason: log it by hand in Salesforce if it still matters (or ask the admin to fix the rule), then dismiss the notice. It stays, after a reload too, until dismissed.',
  },
  PROBLEM_REPORT_REFUSED: {
    description: 'Salesforce refused a problem report (a Case with the diagnostic log attached as a file): nothing was written, and the report is kept in this browser for another try.',
    causes: [
      'The agent may not create Cases or files (the ContactPad Agent permission set grants Case create; files need the Salesforce CRM Content or Files access the user license gives).',
      'The Case field ContactPad Report Id (ContactPad_Report_Id__c) is missing: force-app is not deployed in full.',
      'A validation rule or a required field on Case refuses a Case with only a subject and a description.',
    ],
    fix: 'A Salesforce admin checks the agent\'s access and the Case validation rules (README, Report a problem); the agent then presses Try again in Report a problem. The report is kept meanwhile.',
  },
  UNEXPECTED: {
    description: 'Something failed that ContactPad has no code for: a failure it did not expect.',
    causes: ['A bug in ContactPad.', 'A browser or library error ContactPad does not translate yet.'],
    fix: 'Report it with the message and the log (the browser console): it should get a code of its own.',
  },
} as const satisfies Record<string, { description: string; causes: readonly string[]; fix: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** An expected failure, with a stable code from {@link ERROR_CATALOGUE}. */
export class ContactPadError extends Error {
  readonly code: ErrorCode;
  /** Extra facts for logs and the UI (a SIP status, a Salesforce errorCode...). */
  readonly detail: Readonly<Record<string, string | number>>;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; detail?: Record<string, string | number> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ContactPadError';
    this.code = code;
    this.detail = Object.freeze({ ...(options.detail ?? {}) });
  }
}

/** True for a {@link ContactPadError}, optionally of one code. */
export function isContactPadError(value: unknown, code?: ErrorCode): value is ContactPadError {
  return value instanceof ContactPadError && (code === undefined || value.code === code);
}
