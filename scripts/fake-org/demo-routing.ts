/**
 * The fixed ids of the demo org's routing records (fixtures/demo-org.json, README "Agents,
 * queues and presence statuses"), for tests that hand cases around or read the directory.
 */
export const DEMO_ROUTING = {
  /** Alex Morgan, SIP user agent1: the local console's agent. */
  alexMorgan: '005000000000001AAA',
  /** Jordan Lee, SIP user jordan.lee. */
  jordanLee: '005000000000002AAA',
  /** Sam Rivera, no SIP user. */
  samRivera: '005000000000003AAA',
  /** Émile Durand, SIP user emile.durand. */
  emileDurand: '005000000000004AAA',
  /** Casey Brooks, SIP user casey.brooks, inactive. */
  caseyBrooksInactive: '005000000000005AAA',
  /** Queue Billing Support, takes Cases. */
  billingSupport: '00G000000000001EAA',
  /** Queue Technical Support, takes Cases. */
  technicalSupport: '00G000000000002EAA',
  /** Queue Marketing Leads, takes Leads only. */
  marketingLeads: '00G000000000003EAA',
  /** Presence statuses Available, Busy and On Break (Busy_Break). */
  available: '0N5000000000001CAA',
  busy: '0N5000000000002CAA',
  onBreak: '0N5000000000003CAA',
} as const;

/**
 * The fixed ids of the demo org's Omni-Channel presence configuration (fixtures/demo-org.json):
 * the agents' profile gets auto-accept, Alex Morgan's own configuration (which overrides the
 * profile's) does not.
 */
export const DEMO_PRESENCE = {
  /** Profile "ContactPad Agent", every demo user's. */
  agentProfile: '00e000000000001AAA',
  /** PresenceUserConfig "ContactPad Agents": capacity 5, auto-accept on (the profile's). */
  agentsConfig: '0Nd000000000001CAA',
  /** PresenceUserConfig "Alex Morgan (accept by hand)": capacity 5, auto-accept off, decline with reason. */
  alexConfig: '0Nd000000000002CAA',
  /** PresenceUserConfigUser: Alex Morgan -> alexConfig. */
  alexConfigUser: '0Ne000000000001CAA',
  /** PresenceUserConfigProfile: ContactPad Agent -> agentsConfig. */
  agentsConfigProfile: '0Nf000000000001CAA',
} as const;

/**
 * The fixed ids of the demo org's Messaging records (fixtures/demo-org.json `featureRecords.messaging`;
 * only in orgs with Messaging, which the DEFAULT org and new orgs have by default).
 */
export const DEMO_MESSAGING = {
  /** MessagingChannel "WhatsApp Support" (MessageType WhatsApp). */
  whatsappChannel: '0Mj000000000001CAA',
  /** MessagingChannel "Web Chat" (MessageType EmbeddedMessaging: Messaging for In-App and Web). */
  webChannel: '0Mj000000000002CAA',
  /** MessagingEndUser "Daniel Kim" on WhatsApp, whatsapp:+14155550101, linked to Contact Daniel Kim. */
  danielWhatsApp: '0PA000000000001GAA',
  /** MessagingEndUser "Guest" on Web Chat: no phone, no Contact. */
  webGuest: '0PA000000000002GAA',
  /** MessagingSession, Waiting: Daniel Kim on WhatsApp about Case "Delivery delayed: order 4471". */
  danielWaiting: '0Mw000000000001CAA',
  /** MessagingSession, Waiting: the web guest. */
  guestWaiting: '0Mw000000000002CAA',
  /** MessagingSession, Waiting, on Web Chat with no end user at all. */
  noEndUser: '0Mw000000000003CAA',
  /** MessagingSession, Ended (2024-05-28): Daniel Kim on WhatsApp, handled by Jordan Lee. */
  danielEnded: '0Mw000000000004CAA',
} as const;
