import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import type { ContactPadError, ErrorCode } from '../model/errors.ts';
import { readSettings } from '../model/settings.ts';
import { ActivityOutbox } from './activity-outbox.ts';
import { CrmRoom } from './crm-room.ts';
import { createCrmService } from './crm-service.ts';
import { DEMO_MESSAGING, DEMO_PRESENCE, DEMO_ROUTING, connectTo, fakeOrg, type FakeOrgSession } from '../../test-support/fake-org.ts';
import { rejectionOf } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

/** The demo org's users and queues (scripts/fake-org/fixtures/demo-org.json). */
const {
  jordanLee: JORDAN, emileDurand: EMILE, caseyBrooksInactive: CASEY_INACTIVE,
  billingSupport: BILLING, technicalSupport: TECHNICAL, marketingLeads: MARKETING_LEADS_ONLY,
} = DEMO_ROUTING;

/** A room on a fresh demo org (legacy Chat on, as the local console's), as the agent whose SIP user is `sipUser`. */
async function demoRoom(sipUser = 'agent1', features: { legacyChat?: boolean; messaging?: boolean } = { legacyChat: true }) {
  const session = await fakeOrg.createOrg('demo', { features });
  const outbox = new ActivityOutbox({ databaseName: `contactpad-routing-test-${crypto.randomUUID()}`, connection: connectTo(session), listener: () => undefined });
  const room = new CrmRoom({ connection: connectTo(session), outbox, defaultCountry: 'US', sipUser });
  const usage = () => fakeOrg.apiUsage(session.orgId);
  return { session, room, outbox, usage };
}

async function recordWhere(session: FakeOrgSession, sobject: string, field: string, value: unknown): Promise<Record<string, unknown>> {
  const found = (await fakeOrg.records(session.orgId, sobject)).find((record) => record[field] === value);
  if (!found) throw new Error(`no ${sobject} with ${field} ${String(value)}`);
  return found;
}

/** What the agent would read of a failure: its code, its message, and Salesforce's errorCode. */
async function failure(work: Promise<unknown>, code: ErrorCode): Promise<ContactPadError> {
  const error = await rejectionOf(work);
  expect(isContactPadError(error, code), `${code}, got ${String(error)}`).to.equal(true);
  return error as ContactPadError;
}

describe('the directory of agents and services', () => {
  it('lists the agents with a SIP user and the queues that take Cases (reached at queue-<API name>), by name, in one request, then from memory', async () => {
    const { room, outbox, usage } = await demoRoom('AGENT1');
    try {
      const before = await usage();
      const directory = await room.directory();
      expect(await usage(), 'one API request').to.equal(before + 1);
      expect(directory).to.deep.equal([
        { id: BILLING, name: 'Billing Support', kind: 'service', sipUser: 'queue-Billing_Support' },
        { id: EMILE, name: 'Émile Durand', kind: 'agent', sipUser: 'emile.durand' },
        { id: JORDAN, name: 'Jordan Lee', kind: 'agent', sipUser: 'jordan.lee' },
        { id: TECHNICAL, name: 'Technical Support', kind: 'service', sipUser: 'queue-Technical_Support' },
      ]);
      const names = directory.map((entry) => entry.name);
      for (const absent of ['Alex Morgan', 'Casey Brooks', 'Sam Rivera', 'Marketing Leads']) expect(names).to.not.include(absent);

      expect(await room.directory()).to.equal(directory);
      expect(await usage(), 'kept for the session').to.equal(before + 1);
    } finally {
      outbox.close();
    }
  });

  it('tells an unavailable org, an expired session and an unreadable SIP user field apart, and reads again after a failure', async () => {
    const { session, room, outbox, usage } = await demoRoom();
    try {
      await fakeOrg.setFault(session.orgId, { kind: 'unavailable', times: 1 });
      await failure(room.directory(), 'CRM_UNAVAILABLE');
      await fakeOrg.setFault(session.orgId, { kind: 'sessionExpired', times: 1 });
      await failure(room.directory(), 'CRM_SESSION_EXPIRED');

      await fakeOrg.setVisibility(session.orgId, { sobject: 'User', field: 'ContactPad_SIP_User__c' }, false);
      const hidden = await failure(room.directory(), 'CRM_REQUEST_REJECTED');
      expect(hidden.detail['errorCode']).to.equal('INVALID_FIELD');
      expect(hidden.message).to.contain('ContactPad_SIP_User__c');

      await fakeOrg.setVisibility(session.orgId, { sobject: 'User', field: 'ContactPad_SIP_User__c' }, true);
      const before = await usage();
      expect((await room.directory()).map((entry) => entry.name)).to.deep.equal(['Billing Support', 'Émile Durand', 'Jordan Lee', 'Technical Support']);
      expect(await usage()).to.equal(before + 1);
    } finally {
      outbox.close();
    }
  });
});

describe('handing a Case to another owner', () => {
  it('gives the case to a queue, then to an agent, as the org reads it back', async () => {
    const { session, room, outbox } = await demoRoom();
    try {
      const hinge = await recordWhere(session, 'Case', 'Subject', 'Cabinet hinge broke on delivery');
      await room.transferRecord(String(hinge['Id']), TECHNICAL);
      expect((await recordWhere(session, 'Case', 'Id', hinge['Id']))['OwnerId']).to.equal(TECHNICAL);
      await room.transferRecord(String(hinge['Id']), JORDAN);
      expect((await recordWhere(session, 'Case', 'Id', hinge['Id']))['OwnerId']).to.equal(JORDAN);
    } finally {
      outbox.close();
    }
  });

  it("fails with Salesforce's own words when the owner cannot take the case or the case is gone; keeps the owner", async () => {
    const { session, room, outbox, usage } = await demoRoom();
    try {
      const hinge = await recordWhere(session, 'Case', 'Subject', 'Cabinet hinge broke on delivery');
      const caseId = String(hinge['Id']);

      const leadQueue = await failure(room.transferRecord(caseId, MARKETING_LEADS_ONLY), 'TRANSFER_FAILED');
      expect(leadQueue.message).to.contain(`Owner ID: id value of incorrect type: ${MARKETING_LEADS_ONLY}`);
      expect(leadQueue.detail).to.include({ errorCode: 'FIELD_INTEGRITY_EXCEPTION', recordId: caseId, ownerId: MARKETING_LEADS_ONLY });

      const inactive = await failure(room.transferRecord(caseId, CASEY_INACTIVE), 'TRANSFER_FAILED');
      expect(inactive.message).to.contain(`operation performed with inactive user [${CASEY_INACTIVE}] as owner of case`);
      expect((await recordWhere(session, 'Case', 'Id', caseId))['OwnerId'], 'the owner is unchanged').to.equal(hinge['OwnerId']);

      await fakeOrg.remove(session.orgId, 'Case', caseId);
      const deleted = await failure(room.transferRecord(caseId, BILLING), 'TRANSFER_FAILED');
      expect(deleted.message).to.contain('entity is deleted');
      expect(deleted.detail['errorCode']).to.equal('ENTITY_IS_DELETED');

      const lead = await recordWhere(session, 'Lead', 'LastName', 'Lopez');
      const before = await usage();
      await failure(room.transferRecord(String(lead['Id']), BILLING), 'TRANSFER_FAILED');
      expect(await usage(), 'no request for an id that is not a Case').to.equal(before);
    } finally {
      outbox.close();
    }
  });

  it('reports an expired session or an unavailable org as such, not as a refused transfer', async () => {
    const { session, room, outbox } = await demoRoom();
    try {
      const hinge = await recordWhere(session, 'Case', 'Subject', 'Cabinet hinge broke on delivery');
      await fakeOrg.setFault(session.orgId, { kind: 'sessionExpired', times: 1 });
      await failure(room.transferRecord(String(hinge['Id']), BILLING), 'CRM_SESSION_EXPIRED');
      await fakeOrg.setFault(session.orgId, { kind: 'requestLimit', times: 1 });
      await failure(room.transferRecord(String(hinge['Id']), BILLING), 'CRM_REQUEST_LIMIT');
      expect((await recordWhere(session, 'Case', 'Id', hinge['Id']))['OwnerId']).to.equal(hinge['OwnerId']);
    } finally {
      outbox.close();
    }
  });
});

describe('Omni-Channel presence statuses', () => {
  it("reads the org's statuses once for the session", async () => {
    const { room, outbox, usage } = await demoRoom();
    try {
      const before = await usage();
      const statuses = await room.presenceStatuses();
      expect(statuses).to.deep.equal([
        { id: DEMO_ROUTING.available, developerName: 'Available', label: 'Available' },
        { id: DEMO_ROUTING.busy, developerName: 'Busy', label: 'Busy' },
        { id: DEMO_ROUTING.onBreak, developerName: 'Busy_Break', label: 'On Break' },
      ]);
      expect(await room.presenceStatuses()).to.equal(statuses);
      expect(await usage()).to.equal(before + 1);
    } finally {
      outbox.close();
    }
  });

  it("says whether Omni-Channel auto-accepts for this agent, by their presence configuration (the user's over the profile's), in the same request", async () => {
    const session = await fakeOrg.createOrg('demo');
    const usage = () => fakeOrg.apiUsage(session.orgId);
    const roomFor = (userId: string) =>
      new CrmRoom({
        connection: connectTo(session),
        outbox: new ActivityOutbox({ databaseName: `contactpad-omni-test-${crypto.randomUUID()}`, connection: connectTo(session), listener: () => undefined }),
        defaultCountry: 'US',
        agent: { userId, profileId: DEMO_PRESENCE.agentProfile },
      });
    const alex = roomFor('005000000000001AAA');
    const before = await usage();
    expect(await alex.omniAutoAccept(), 'Alex Morgan accepts by hand (his own configuration)').to.equal(false);
    expect((await alex.presenceStatuses()).length).to.equal(3);
    expect(await usage(), 'statuses and configuration in one request').to.equal(before + 1);
    expect(await roomFor(JORDAN).omniAutoAccept(), "Jordan Lee has only his profile's configuration: auto-accept").to.equal(true);
    const nobody = new CrmRoom({
      connection: connectTo(session),
      outbox: new ActivityOutbox({ databaseName: `contactpad-omni-test-${crypto.randomUUID()}`, connection: connectTo(session), listener: () => undefined }),
      defaultCountry: 'US',
    });
    expect(await nobody.omniAutoAccept(), 'no agent known: ContactPad never assumes Omni-Channel accepts').to.equal(false);
    await fakeOrg.setVisibility(session.orgId, { sobject: 'PresenceUserConfigUser' }, false);
    await fakeOrg.setVisibility(session.orgId, { sobject: 'PresenceUserConfigProfile' }, false);
    const hidden = roomFor(JORDAN);
    expect(await hidden.omniAutoAccept(), 'configurations the agent cannot read: false').to.equal(false);
    expect((await hidden.presenceStatuses()).length, 'the statuses still load').to.equal(3);
  });
});

describe('the record behind a work item', () => {
  it('shows a web Case by number and subject, with the web form’s name and phone and its origin', async () => {
    const { session, room, outbox, usage } = await demoRoom();
    try {
      const hinge = await recordWhere(session, 'Case', 'Subject', 'Cabinet hinge broke on delivery');
      const before = await usage();
      expect(await room.workRecord(String(hinge['Id']))).to.deep.equal({
        recordId: hinge['Id'],
        objectType: 'Case',
        channel: 'case',
        title: `${String(hinge['CaseNumber'])} Cabinet hinge broke on delivery`,
        customerName: 'Lena Park',
        customerNumber: '415-555-0108',
        origin: 'Web',
        channelName: '',
        links: { whatId: hinge['Id'] },
      });
      expect(await usage(), 'one request').to.equal(before + 1);

      const delayed = await recordWhere(session, 'Case', 'Subject', 'Delivery delayed: order 4471');
      const found = await room.workRecord(String(delayed['Id']));
      expect(found).to.include({ customerName: 'Daniel Kim', customerNumber: '', origin: 'Phone', channel: 'case' });
      expect(found.links).to.deep.equal({ whoId: delayed['ContactId'], whatId: delayed['Id'] });
    } finally {
      outbox.close();
    }
  });

  it('tells an email from a case by the Case Origin (Email-to-Case), and takes a Case without Origin as a case', async () => {
    const { session, room, outbox } = await demoRoom();
    try {
      const emailed = await fakeOrg.insert(session.orgId, 'Case', { Subject: 'Invoice copy please', Origin: 'Email', SuppliedEmail: 'noah.kim@example.com' });
      expect(await room.workRecord(emailed)).to.include({ channel: 'email', customerName: 'noah.kim@example.com', origin: 'Email' });
      const bare = await fakeOrg.insert(session.orgId, 'Case', { Subject: 'No origin at all' });
      expect(await room.workRecord(bare)).to.include({ channel: 'case', origin: '', customerName: '' });
    } finally {
      outbox.close();
    }
  });

  it('shows a Messaging Session by the messaging user and channel: the WhatsApp number, the Contact and Case its Task links to', async () => {
    const { room, outbox, usage } = await demoRoom();
    try {
      const before = await usage();
      const whatsApp = await room.workRecord(DEMO_MESSAGING.danielWaiting);
      expect(whatsApp).to.include({ objectType: 'MessagingSession', channel: 'chat', customerName: 'Daniel Kim', customerNumber: '+14155550101', channelName: 'WhatsApp Support', origin: '' });
      expect(whatsApp.title).to.not.equal('');
      expect(whatsApp.links.whoId, 'the Contact behind the messaging user').to.match(/^003/);
      expect(whatsApp.links.whatId, 'the Case the session is about').to.match(/^500/);
      expect(await usage(), 'one request').to.equal(before + 1);

      expect(await room.workRecord(DEMO_MESSAGING.guestWaiting), 'a web chat guest has no phone and no Contact').to.deep.include({
        customerName: 'Guest', customerNumber: '', channelName: 'Web Chat', links: {},
      });
      expect(await room.workRecord(DEMO_MESSAGING.noEndUser), 'a session without a messaging user').to.deep.include({
        customerName: '', customerNumber: '', channelName: 'Web Chat', links: {},
      });
    } finally {
      outbox.close();
    }
  });

  it("shows a chat transcript by its name, with the Lead's name or the visitor's phone", async () => {
    const { session, room, outbox } = await demoRoom();
    try {
      const withLead = await recordWhere(session, 'LiveChatTranscript', 'Location', 'San Francisco, CA');
      expect(await room.workRecord(String(withLead['Id']))).to.deep.equal({
        recordId: withLead['Id'],
        objectType: 'LiveChatTranscript',
        channel: 'chat',
        title: withLead['Name'],
        customerName: 'Maria Lopez',
        customerNumber: '',
        origin: '',
        channelName: '',
        links: { whoId: withLead['LeadId'] },
      });
      const visitor = await recordWhere(session, 'LiveChatTranscript', 'Location', 'Berkeley, CA');
      expect(await room.workRecord(String(visitor['Id']))).to.include({ title: visitor['Name'], customerName: '', customerNumber: '(415) 555-0109' });
    } finally {
      outbox.close();
    }
  });

  it('says the record is unavailable when it was deleted, does not exist, is hidden from the agent or is of another object', async () => {
    const { session, room, outbox, usage } = await demoRoom();
    try {
      const hinge = await recordWhere(session, 'Case', 'Subject', 'Cabinet hinge broke on delivery');
      await fakeOrg.remove(session.orgId, 'Case', String(hinge['Id']));
      const deleted = await failure(room.workRecord(String(hinge['Id'])), 'WORK_RECORD_UNAVAILABLE');
      expect(deleted.message).to.equal(`The case ${String(hinge['CaseNumber'])} Cabinet hinge broke on delivery was deleted.`);
      expect(deleted.detail).to.deep.equal({ recordId: hinge['Id'], reason: 'deleted' });

      const missing = await failure(room.workRecord('500000000000999AAA'), 'WORK_RECORD_UNAVAILABLE');
      expect(missing.message).to.equal('The case 500000000000999AAA does not exist or is not shared with this agent.');

      const transcript = await recordWhere(session, 'LiveChatTranscript', 'Location', 'Berkeley, CA');
      await fakeOrg.setVisibility(session.orgId, { sobject: 'LiveChatTranscript' }, false);
      const hidden = await failure(room.workRecord(String(transcript['Id'])), 'WORK_RECORD_UNAVAILABLE');
      expect(hidden.message).to.contain(`This agent cannot read the chat transcript ${String(transcript['Id'])}`);
      expect(hidden.detail).to.include({ errorCode: 'INVALID_TYPE', reason: 'no-access' });

      const lead = await recordWhere(session, 'Lead', 'LastName', 'Lopez');
      const before = await usage();
      const other = await failure(room.workRecord(String(lead['Id'])), 'WORK_RECORD_UNAVAILABLE');
      expect(other.detail['reason']).to.equal('other-object');
      expect(await usage(), 'no request for an id of another object').to.equal(before);
    } finally {
      outbox.close();
    }
  });

  it('says a Chat Transcript is unavailable in an org without legacy Chat (the object does not exist there)', async () => {
    const { room, outbox } = await demoRoom('agent1', {});
    try {
      const gone = await failure(room.workRecord('570000000000001AAA'), 'WORK_RECORD_UNAVAILABLE');
      expect(gone.detail).to.include({ errorCode: 'INVALID_TYPE', reason: 'no-access' });
      expect((await room.workRecord(DEMO_MESSAGING.guestWaiting)).channel, 'messaging works there').to.equal('chat');
    } finally {
      outbox.close();
    }
  });

  it('reports an unavailable org as such, so the work item is not declined for it', async () => {
    const { session, room, outbox } = await demoRoom();
    try {
      const hinge = await recordWhere(session, 'Case', 'Subject', 'Cabinet hinge broke on delivery');
      await fakeOrg.setFault(session.orgId, { kind: 'unavailable', times: 1 });
      await failure(room.workRecord(String(hinge['Id'])), 'CRM_UNAVAILABLE');
      expect((await room.workRecord(String(hinge['Id']))).title).to.contain('Cabinet hinge');
    } finally {
      outbox.close();
    }
  });
});

describe('routing through the crm service the controller holds', () => {
  it('loads the room and answers the directory (without the agent, by their own SIP user), presence statuses, work records and transfers', async () => {
    const session = await fakeOrg.createOrg('demo');
    const { settings } = readSettings({});
    const service = createCrmService({
      session: { instanceUrl: session.instanceUrl, accessToken: session.accessToken },
      settings,
      agent: { userId: '005000000000002AAA', profileId: '', sipUser: 'jordan.lee' },
      activityState: () => undefined,
      onError: () => undefined,
      outboxDatabase: `contactpad-routing-service-test-${crypto.randomUUID()}`,
      rememberedChoicesKey: `contactpad-routing-service-test-${crypto.randomUUID()}`,
      recentActivityKey: `contactpad-routing-service-test-${crypto.randomUUID()}`,
    });
    expect((await service.directory()).map((entry) => entry.name)).to.deep.equal(['Alex Morgan', 'Billing Support', 'Émile Durand', 'Technical Support']);
    expect((await service.presenceStatuses()).map((status) => status.developerName)).to.deep.equal(['Available', 'Busy', 'Busy_Break']);
    const hinge = await recordWhere(session, 'Case', 'Subject', 'Cabinet hinge broke on delivery');
    expect((await service.workRecord(String(hinge['Id']))).customerName).to.equal('Lena Park');
    await service.transferRecord(String(hinge['Id']), BILLING);
    expect((await recordWhere(session, 'Case', 'Id', hinge['Id']))['OwnerId']).to.equal(BILLING);
  });
});
