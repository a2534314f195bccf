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
