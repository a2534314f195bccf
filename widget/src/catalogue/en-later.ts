/**
 * The English words of the elements loaded on first use (the wrap-up form, the decline and abandon
 * dialogs, the record picker, the customer journey, the dial pad, the call's recording and
 * voicemail drop, the consult and transfer dialog, the devices panel, the caller detail of the answered call, the interaction list, the caller's
 * labels and "Why this record" (caller-words.ts); and what a keyboard shortcut says, shortcuts.ts): a part of the catalogue (en.ts) that loads
 * with them, off the ring-and-answer bundle. Spanish has them in es.ts (esLater), typed as this.
 */
import type { ActivityLogState, CallbackStatus, CallerLabel, CallingRecordState, CallQualityLevel, CameraState, DeviceCallbackStep, DirectoryEntry, InteractionAction, JourneyStatus, RecordingCommand, RecordingState, ShortcutAction } from '../../../adapter/src/store.ts';
import type { DirectoryMode } from '../directory-search.ts';
import type { NotificationPermissionState } from '../call-notifications.ts';

export const enLater = {
  pickerQuestion: 'Which record is the caller?',
  journey: {
    heading: 'Recent interactions',
    statuses: { Waiting: 'Waiting', Assigning: 'Assigning', Assigned: 'Assigned', Transferring: 'Transferring', Ended: 'Ended', Failed: 'Failed' } satisfies Record<JourneyStatus, string>,
  },
  wrapUp: {
    title: (who: string) => (who ? `Wrap up: ${who}` : 'Wrap up'),
    endsIn: (countdown: string) => `Wrap up ends in ${countdown}`,
    disposition: 'Disposition',
    none: '--None--',
    notes: 'Notes',
    done: 'Done',
  },
  decline: { title: (subject: string) => `Decline: ${subject}`, question: 'Why are you declining?', cancel: 'Cancel' },
  abandon: {
    title: (subject: string) => (subject ? `Abandon: ${subject}?` : 'Abandon this interaction?'),
    /** From the VCC ContactPad guide. */
    explanation: "Abandon only if releasing has not worked. Abandoning can affect statistics, recordings and the customer's experience.",
    cancel: 'Cancel',
    confirm: 'Abandon',
  },
  /** The dial pad, redial, the recent numbers and favourites, and a placed call that did not connect (cp-dialer and its parts). */
  dialer: {
    form: 'Dial',
    number: 'Number to call',
    call: 'Call',
    redial: 'Redial',
    nothingToRedial: 'No number called yet',
    dialPad: 'Dial pad',
    plus: 'Plus',
    deleteLast: 'Delete last character',
    nothingToDial: 'Type a number to call.',
    notReady: 'Calling is possible once the phone is ready.',
    recent: 'Recent numbers',
    favourites: 'Favourites',
    noRecent: 'No calls placed yet.',
    callEntry: (who: string) => `Call ${who}`,
    star: (who: string) => `Favourite ${who}`,
    unstar: (who: string) => `Remove ${who} from favourites`,
    extension: (extension: string) => `Extension ${extension}: key it in once the call is answered.`,
    notConnected: 'Call not connected',
    /** "Call to Maria Lopez not connected: Busy (486 Busy Here)." (the detail is the adapter's). */
    notConnectedWhy: (who: string, detail: string) => `Call to ${who || 'the number'} not connected: ${detail}.`,
    reason: 'Reason',
    chooseReason: 'Choose a reason',
    saveReason: 'Save reason',
    reasonRecorded: (reason: string) => `Reason recorded: ${reason}`,
  },
  /** The call's recording (cp-call-recording): where it stands, what is announced when it changes, its buttons, and a command waiting for the platform. */
  recording: {
    group: 'Call recording',
    states: { off: 'Not recording', recording: 'Recording', paused: 'Recording paused', stopped: 'Recording stopped' } satisfies Record<RecordingState, string>,
    announced: {
      off: 'Not recording.',
      recording: 'Recording: the call is being recorded.',
      paused: 'Recording paused.',
      stopped: 'Recording stopped.',
    } satisfies Record<RecordingState, string>,
    commands: { start: 'Record', pause: 'Pause recording', resume: 'Resume recording', stop: 'Stop recording' } satisfies Record<RecordingCommand, string>,
    pending: { start: 'Starting recording…', pause: 'Pausing recording…', resume: 'Resuming recording…', stop: 'Stopping recording…' } satisfies Record<RecordingCommand, string>,
  },
  /** The controls of a call under way (cp-call-controls), its keypad (cp-keypad) and its line details (cp-line-details). */
  inCall: {
    group: 'Call controls',
    callTime: (time: string) => `Call time ${time}`,
    muted: 'Muted',
    keypad: 'Keypad',
    keypadHint: 'Type 0-9, *, #, A-D, or click a key. Escape closes the keypad.',
    sent: (tones: string) => `Sent: ${tones}`,
    notAKey: (character: string) => `"${character}" is not a keypad key: use 0-9, *, # or A-D.`,
    levels: { good: 'Good', fair: 'Fair', poor: 'Poor' } satisfies Record<CallQualityLevel, string>,
    /** The quality indicator's accessible name: "Line quality good: 0 % of the caller's audio lost, jitter 4 ms, round trip 30 ms". */
    quality: (level: string, figures: string) => `Line quality ${level.toLowerCase()}${figures ? `: ${figures}` : ''}`,
    lost: (percent: number) => `${percent} % of the caller's audio lost`,
    jitter: (ms: number) => `jitter ${ms} ms`,
    roundTrip: (ms: number) => `round trip ${ms} ms`,
    lineDetails: (level: string) => `Line details: ${level}`,
    measuring: 'Measuring…',
    labels: { lost: "Caller's audio lost", jitter: 'Jitter', roundTrip: 'Round trip' },
  },
  /** The keypad keys a screen reader says by name (the keypad's and the dial pad's); the others are said as they are. */
  keypadKeys: { '*': 'Star', '#': 'Pound' },
  /** Voicemail drop on a call the agent placed (cp-voicemail-drop). */
  voicemail: {
    group: 'Voicemail drop',
    message: 'Message',
    drop: 'Drop voicemail',
    dropping: 'Dropping voicemail…',
    hint: 'Plays the message to the voicemail and frees you at once; the call ends when the message does.',
  },
  /** The consult and transfer dialog (cp-directory-dialog). */
  directory: {
    modes: { consult: 'Consult', transfer: 'Transfer' } satisfies Record<DirectoryMode, string>,
    modeChoice: 'Consult or transfer',
    search: 'Search agents and services',
    orNumber: 'Or type a phone number.',
    options: 'Agents and services',
    /** The typed number's option: a consult calls it, a transfer sends the call to it. */
    numberOption: { consult: (number: string) => `Call ${number}`, transfer: (number: string) => `Transfer to ${number}` } satisfies Record<DirectoryMode, (number: string) => string>,
    noColleague: 'No colleague with a ContactPad phone.',
    nobodyToTransferTo: 'No agents or services to transfer to.',
    noMatch: (query: string) => `No agent or service matches “${query}”.`,
    cancel: 'Cancel',
  },
  /** Call back from a record (cp-callback-dialog), and a callback through another device on its interaction (cp-callback-progress). */
  callback: {
    open: 'Call back',
    title: (who: string) => (who ? `Call back ${who}` : 'Call back'),
    numbers: 'Numbers on the record',
    number: "Customer's number",
    ring: 'Ring',
    thisBrowser: 'This browser (ContactPad)',
    otherBrowser: 'Another browser of yours',
    phoneAt: (where: string) => `Your phone at ${where}`,
    noDevice: 'No device can ring: activate a device first (wait for "Phone ready", or register your desk phone), then call back.',
    otherDeviceHint: 'Your device rings first, showing "Callback to" the number; pick up there and the customer is called.',
    verifyHint: 'Check the number with the customer, and mark it verified on the record.',
    call: 'Call',
    cancel: 'Cancel',
    scheduleTitle: 'Or schedule the call',
    when: (zone: string) => `Date and time (your time, ${zone})`,
    scheduleHint: "Checked against the calling hours in the customer's time zone. It rings you at that time.",
    schedule: 'Schedule',
    scheduled: 'Your scheduled calls',
    noneScheduled: 'No scheduled calls.',
    newTime: (who: string) => `New time for ${who}`,
    move: 'Move',
    cancelScheduled: (who: string) => `Cancel the call to ${who}`,
    steps: {
      'ringing-device': 'Ringing your device…',
      'calling-customer': 'Calling the customer from your device…',
      connected: 'Connected on your device',
      failed: 'Callback failed',
    } satisfies Record<DeviceCallbackStep, string>,
  },
  /** The notices' list (cp-notice-list); each notice's message is in en.ts (the call pop says a failed lookup too). */
  noticeList: {
    list: 'Notices',
    dismiss: 'Dismiss',
    dismissNamed: (message: string) => `Dismiss: ${message}`,
  },
  /** The devices panel (cp-audio-settings). */
  devices: {
    title: 'Devices',
    microphone: 'Microphone',
    speaker: 'Speaker',
    ringer: 'Ringer',
    defaultDevice: 'Browser default',
    ringVolume: 'Ring volume',
    unnamed: (number: number) => `Device ${number}`,
    /** A chosen device the browser does not list now (unplugged): "Microphone (not connected)". */
    notConnected: (role: string) => `${role} (not connected)`,
    noNames: 'Device names show once ContactPad may use the microphone.',
    noOutputChoice: 'This browser plays calls and the ringtone on its default output only.',
    notifications: {
      granted: 'Notifications: on. An incoming call shows one while ContactPad is out of sight.',
      default: 'Notifications: ContactPad asks when you go Ready.',
      denied: 'Notifications are off for ContactPad (the browser blocks them here); incoming calls still ring.',
      unsupported: 'Notifications are off: this browser has none; incoming calls still ring.',
    } satisfies Record<NotificationPermissionState, string>,
  },
  /** A keyboard shortcut (shortcuts.ts): what it did ("Accepted: Voice call with Ann Smith"), or why it did nothing. */
  shortcuts: {
    taken: {
      accept: 'Accepted',
      reject: 'Rejected',
      hold: 'Holding',
      retrieve: 'Retrieving',
      mute: 'Muted',
      unmute: 'Unmuted',
      release: 'Releasing',
    } satisfies Partial<Record<InteractionAction, string>>,
    nothingTo: {
      accept: 'No call is ringing.',
      reject: 'No call is ringing.',
      hold: 'No call to hold or retrieve.',
      mute: 'No call to mute or unmute.',
      release: 'No call to release.',
    } satisfies Record<ShortcutAction, string>,
    severalCalls: 'More than one call: select the call first.',
  },
  /** Salesforce objects in the agent's words (others keep their API name). */
  objects: { Lead: 'Lead', Contact: 'Contact', Account: 'Account', Case: 'Case', LiveChatTranscript: 'Live Chat Transcript' },
  /** The standard phone fields screen-pop rules match on (person-account fields read as these). */
  fields: {
    Phone: 'Phone',
    MobilePhone: 'Mobile phone',
    HomePhone: 'Home phone',
    OtherPhone: 'Other phone',
    AssistantPhone: 'Assistant phone',
    Fax: 'Fax',
    SuppliedPhone: 'Web phone',
  },
  callerLabels: { Lead: 'Lead', Customer: 'Customer', 'Previous Customer': 'Previous Customer', Unknown: 'Unknown' } satisfies Record<CallerLabel, string>,
  callerLabelList: 'Caller label',
  why: { summary: 'Why this record', matched: (field: string) => `matched ${field}`, rule: (rule: string) => `(rule: ${rule})` },
  /** The interaction list (cp-interaction-list, loaded after the first paint): its name, with nothing in it, and what an item adds to its state. */
  list: {
    name: 'Interactions',
    empty: 'No interactions yet.',
    /** An item whose record tab the agent closed: selecting the item reopens it. */
    tabClosed: 'Tab closed — select to reopen',
    /** A call the far end put on hold (its re-INVITE sendonly or inactive). */
    heldByFarEnd: 'Held by the caller',
    /** A call joined with its consult call into a three-way call. */
    inConference: 'Conference',
  },
  /** The Task being written; nothing while there is nothing to write. */
  log: { none: '', saving: 'Saving…', saved: 'Saved', retrying: 'Will retry', refused: 'Not saved' } satisfies Record<ActivityLogState, string>,
  /** A directory entry's kind (cp-directory-dialog): Agent or Service. */
  directoryKinds: { agent: 'Agent', service: 'Service' } satisfies Record<DirectoryEntry['kind'], string>,
  /** A video call's window (cp-video-window): what it shows, its controls, and the question when the agent closes it. */
  video: {
    title: (who: string) => (who ? `Video call: ${who}` : 'Video call'),
    callerVideo: (who: string) => (who ? `${who}'s video` : "The caller's video"),
    ownVideo: 'Your camera',
    camera: {
      on: 'Camera on',
      off: 'Camera off',
      none: 'Camera off: no camera found',
      denied: 'Camera off: the browser blocks the camera',
      busy: 'Camera off: another application is using the camera',
      starting: 'Camera turning on…',
      paused: 'Camera paused while the call is on hold',
    } satisfies Record<CameraState, string>,
    turnCameraOff: 'Turn camera off',
    turnCameraOn: 'Turn camera on',
    audioOnly: "The caller's video cannot be shown in this browser: the call goes on with audio.",
    controls: 'Video call controls',
    show: 'Show video',
    blocked: 'The browser blocked the video window: allow pop-ups for ContactPad, then press Show video.',
    closedQuestion: (who: string) => `The video window is closed. End the call${who ? ` with ${who}` : ''}?`,
    keepCall: 'Keep the call',
    endCall: 'End call',
  },
  /** The caller detail's accessible name (cp-interaction-detail): "Caller: Bob Jones". */
  callerDetail: (who: string) => (who ? `Caller: ${who}` : 'Caller'),
  /** Preview dialling (cp-calling-list): a campaign's calling list, one record at a time. */
  callingList: {
    heading: 'Calling list',
    open: 'Open a calling list',
    loading: 'Loading…',
    campaigns: 'Campaigns',
    /** The list views offered, by object (seed 002: "campaign members, or a list view"). */
    listViews: { Lead: 'Lead list views', Contact: 'Contact list views' } satisfies Record<'Lead' | 'Contact', string>,
    records: (list: string) => `Calling records: ${list}`,
    close: 'Close list',
    record: 'Calling record',
    states: {
      waiting: 'To call',
      previewing: 'Previewing',
      dialling: 'Calling…',
      called: 'Called',
      'not-reached': 'Not reached',
      rejected: 'Rejected',
      rescheduled: 'Rescheduled',
    } satisfies Record<CallingRecordState, string>,
    fields: { type: 'Type', company: 'Company', title: 'Title', phone: 'Phone', mobile: 'Mobile', email: 'Email', place: 'Location', status: 'Member status', lastOutcome: 'Last outcome' },
    doNotCall: 'Marked Do Not Call',
    call: (who: string) => `Call ${who}`,
    rejectForm: 'Reject the record',
    reason: 'Reason',
    reject: 'Reject',
    rescheduleForm: 'Reschedule the call attempt',
    nextAttempt: 'Next attempt',
    reschedule: 'Reschedule',
    next: 'Next record',
    done: 'No more records to call now.',
    saving: 'Logging the outcome…',
  },
  /** "Scheduled calls" in the dial box (cp-scheduled-calls): the agent's scheduled calls at any time; its list, Move and Cancel share the Call back dialog's words (callback). */
  scheduledCalls: {
    open: 'Scheduled calls',
    yourTime: (zone: string) => `Times in your time zone (${zone}).`,
    loading: 'Loading your scheduled calls…',
    failed: 'Your scheduled calls could not be read just now.',
    due: 'Due',
    customerTime: (time: string, zone: string) => `Customer's time: ${time} (${zone})`,
    customerZoneUnknown: "The customer's time zone cannot be told from the number.",
    openRecord: (who: string) => `Open the record of ${who}`,
    record: 'Record',
    close: 'Close',
  },
  /** Report a problem (cp-problem-report-dialog): the agent's comment and ContactPad's recent log, sent to the admin as a Case. */
  problemReport: {
    title: 'Report a problem',
    aboutCall: (who: string) => (who ? `About your call with ${who}.` : 'About this call.'),
    aboutPad: "Your comment and ContactPad's recent log go to your Salesforce admin as a case.",
    comment: 'What happened?',
    commentHint: 'For example: from 10:30 the caller could not hear me.',
    willSend: 'What will be sent',
    window: (minutes: number) => `ContactPad's log of the last ${minutes} minutes, with passwords and tokens removed:`,
    sipMessages: 'SIP messages',
    mediaLines: 'Call media readings (getStats)',
    errors: 'Errors you were told',
    events: 'Phone events',
    size: 'Size',
    kilobytes: (kb: number) => `about ${kb} KB`,
    versions: (contactPad: string, sipJs: string) => `Versions: ContactPad ${contactPad}, sip.js ${sipJs}, and your browser's.`,
    yourComment: 'Your comment',
    cancel: 'Cancel',
    send: 'Send',
    close: 'Close',
    tryAgain: 'Try again',
    sending: 'Sending your report…',
    sent: (caseNumber: string) => `Sent as case ${caseNumber}. Your admin has your comment and ContactPad's log.`,
    waiting: (time: string) => `Salesforce cannot be reached now. Your report is kept in this browser and goes by itself when Salesforce answers (next try at ${time}).`,
    limit: (time: string) => `Your org has used up its Salesforce API requests for now. Your report is kept in this browser and goes by itself (next try at ${time}).`,
    expired: 'Your Salesforce session has expired. Reload the console: your report is kept in this browser and goes after the reload.',
    refused: (message: string) => `Salesforce refused the report (${message}). Your report is kept in this browser: ask your Salesforce admin, then Try again.`,
  },
  /** A callback alert once started (seed 001): the call bar, the attempt, and where the request stands after it. */
  callbackAlert: {
    callTo: (number: string) => `Call to ${number}`,
    attempt: (attempt: number, limit: number) => `Attempt ${attempt} of ${limit}`,
    statuses: {
      'in-progress': 'In progress',
      completed: 'Completed',
      waiting: 'Not connected: kept for another attempt',
      failed: 'Not connected: Failed, no more attempts',
    } satisfies Partial<Record<CallbackStatus, string>>,
  },
};

/** The shape of every language's words for the elements loaded later. */
export type LaterCatalogue = typeof enLater;
