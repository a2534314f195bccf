import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FakeOrgSession } from './client.ts';
import { DEMO_MESSAGING, DEMO_PRESENCE, DEMO_ROUTING } from './demo-routing.ts';
import { queryPath, sf, startFakeOrgServer, type FakeOrgServer } from './test-server.ts';

type Query = { totalSize: number; records: Array<Record<string, unknown>> };
type Describe = { keyPrefix: string; fields: Array<{ name: string; type: string; referenceTo: string[]; relationshipName: string | null; createable: boolean; updateable: boolean; picklistValues: Array<{ value: string }> }> };

let server: FakeOrgServer;
let org: FakeOrgSession;

before(async () => {
  server = await startFakeOrgServer();
  org = await server.client.createOrg('demo');
});
after(() => server.close());

async function query(soql: string): Promise<Query> {
  const answer = await sf(org, queryPath(soql));
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body as Query;
}

const SESSION_FIELDS = 'Id, Name, Status, ChannelType, ChannelName, Origin, CaseId, Case.CaseNumber, EndUserContactId, EndUserContact.Name, MessagingEndUser.Name, MessagingEndUser.MessagingPlatformKey, MessagingChannel.MasterLabel, MessagingChannel.MessageType';

describe('Messaging sessions', () => {
  it('creates a session through the REST API and reads it back with its end user and channel through relationship paths', async () => {
    const contactId = (await query("SELECT Id FROM Contact WHERE LastName = 'Natarajan'")).records[0]?.Id as string;
    const endUser = await sf(org, '/sobjects/MessagingEndUser', {
      method: 'POST',
      body: { Name: 'Priya Natarajan', MessagingPlatformKey: 'whatsapp:+14155550103', MessageType: 'WhatsApp', MessagingChannelId: DEMO_MESSAGING.whatsappChannel, ContactId: contactId },
    });
    assert.equal(endUser.status, 201, JSON.stringify(endUser.body));
    const endUserId = (endUser.body as { id: string }).id;
    assert.match(endUserId, /^0PA/);
    const created = await sf(org, '/sobjects/MessagingSession', {
      method: 'POST',
      body: { MessagingEndUserId: endUserId, MessagingChannelId: DEMO_MESSAGING.whatsappChannel, Status: 'Waiting', StartTime: '2024-06-06T08:00:00.000Z' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const sessionId = (created.body as { id: string }).id;
    assert.match(sessionId, /^0Mw[0-9A-Za-z]{15}$/);

    const [session] = (await query(`SELECT ${SESSION_FIELDS} FROM MessagingSession WHERE Id = '${sessionId}'`)).records;
    assert.ok(session);
    assert.deepEqual(session.attributes, { type: 'MessagingSession', url: `/services/data/v62.0/sobjects/MessagingSession/${sessionId}` });
    assert.deepEqual([session.Status, session.ChannelType, session.ChannelName, session.Origin], ['Waiting', 'WhatsApp', 'WhatsApp Support', 'InboundInitiated']);
    assert.match(String(session.Name), /^\d{8}$/);
    assert.equal(session.EndUserContactId, contactId, "the end user's contact");
    assert.deepEqual(session.MessagingEndUser, {
      attributes: { type: 'MessagingEndUser', url: `/services/data/v62.0/sobjects/MessagingEndUser/${endUserId}` },
      Name: 'Priya Natarajan',
      MessagingPlatformKey: 'whatsapp:+14155550103',
    });
    assert.deepEqual(session.MessagingChannel, {
      attributes: { type: 'MessagingChannel', url: `/services/data/v62.0/sobjects/MessagingChannel/${DEMO_MESSAGING.whatsappChannel}` },
      MasterLabel: 'WhatsApp Support',
      MessageType: 'WhatsApp',
    });
    assert.equal((session.EndUserContact as { Name: string }).Name, 'Priya Natarajan');
    assert.equal(session.Case, null);
    const read = await sf(org, `/sobjects/MessagingSession/${sessionId}?fields=Status,MessagingEndUserId`);
    assert.deepEqual(read.body, { attributes: session.attributes, Status: 'Waiting', MessagingEndUserId: endUserId });
  });

  it('has the demo sessions: WhatsApp about a Case, a web guest with no phone, one with no end user at all', async () => {
    const sessions = (await query(`SELECT ${SESSION_FIELDS} FROM MessagingSession WHERE Id IN ('${DEMO_MESSAGING.danielWaiting}', '${DEMO_MESSAGING.guestWaiting}', '${DEMO_MESSAGING.noEndUser}') ORDER BY StartTime`)).records;
    const [daniel, guest, nobody] = sessions;
    assert.deepEqual([daniel?.Status, daniel?.ChannelType, (daniel?.MessagingEndUser as { Name: string }).Name], ['Waiting', 'WhatsApp', 'Daniel Kim']);
    assert.match(String((daniel?.MessagingEndUser as { MessagingPlatformKey: string }).MessagingPlatformKey), /\+14155550101$/);
    assert.equal(daniel?.CaseId, (await query("SELECT Id FROM Case WHERE Subject = 'Delivery delayed: order 4471'")).records[0]?.Id);
    assert.equal((daniel?.EndUserContact as { Name: string }).Name, 'Daniel Kim');
    assert.deepEqual([guest?.ChannelType, (guest?.MessagingChannel as { MasterLabel: string }).MasterLabel, guest?.EndUserContactId], ['EmbeddedMessaging', 'Web Chat', null]);
    assert.match(String((guest?.MessagingEndUser as { MessagingPlatformKey: string }).MessagingPlatformKey), /^v2\/iamessage\/UNAUTH\//, 'a web guest has no phone');
    assert.deepEqual([nobody?.MessagingEndUser, nobody?.EndUserContact, nobody?.ChannelType], [null, null, 'EmbeddedMessaging']);
  });

  it('describes MessagingSession with its 0Mw prefix, its lookups and relationship names, and its read-only derived fields', async () => {
    const describe = (await sf(org, '/sobjects/MessagingSession/describe')).body as Describe;
    assert.equal(describe.keyPrefix, '0Mw');
    const field = (name: string) => describe.fields.find((f) => f.name === name);
    assert.deepEqual([field('MessagingEndUserId')?.referenceTo, field('MessagingEndUserId')?.relationshipName], [['MessagingEndUser'], 'MessagingEndUser']);
    assert.deepEqual([field('MessagingChannelId')?.referenceTo, field('MessagingChannelId')?.relationshipName], [['MessagingChannel'], 'MessagingChannel']);
    assert.deepEqual([field('EndUserContactId')?.relationshipName, field('EndUserContactId')?.createable], ['EndUserContact', false]);
    assert.deepEqual([field('Status')?.createable, field('Status')?.updateable], [true, false]);
    assert.ok(field('ChannelType')?.picklistValues.some((v) => v.value === 'EmbeddedMessaging'));
    const channel = (await sf(org, '/sobjects/MessagingChannel/describe')).body as Describe;
    assert.deepEqual(channel.fields.find((f) => f.name === 'MessageType')?.picklistValues.map((v) => v.value), ['AppleBusinessChat', 'Custom', 'EmbeddedMessaging', 'Facebook', 'Phone', 'Text', 'Voice', 'WhatsApp']);
  });

  it('refuses what the reference marks as required on create or not updatable', async () => {
    const noEndUser = await sf(org, '/sobjects/MessagingSession', { method: 'POST', body: { MessagingChannelId: DEMO_MESSAGING.webChannel, Status: 'Waiting' } });
    assert.deepEqual([noEndUser.status, noEndUser.body], [400, [{ message: 'Required fields are missing: [MessagingEndUserId]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['MessagingEndUserId'] }]]);
    const status = await sf(org, `/sobjects/MessagingSession/${DEMO_MESSAGING.guestWaiting}`, { method: 'PATCH', body: { Status: 'Ended' } });
    assert.equal(status.status, 400);
    assert.equal((status.body as Array<{ errorCode: string }>)[0]?.errorCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
    const accepted = await sf(org, `/sobjects/MessagingSession/${DEMO_MESSAGING.guestWaiting}`, { method: 'PATCH', body: { AcceptTime: '2024-06-05T09:06:00.000Z' } });
    assert.equal(accepted.status, 204);
    const wrongChannel = await sf(org, '/sobjects/MessagingEndUser', { method: 'POST', body: { Name: 'X', MessagingPlatformKey: 'x', MessageType: 'Telegram', MessagingChannelId: DEMO_MESSAGING.webChannel } });
    assert.equal((wrongChannel.body as Array<{ errorCode: string }>)[0]?.errorCode, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });
});

describe('Omni-Channel presence configuration', () => {
  it("answers an agent's auto-accept through PresenceUserConfigUser, as an agent's own configuration", async () => {
    const mine = await query(`SELECT PresenceUserConfigId, PresenceUserConfig.DeveloperName, PresenceUserConfig.OptionsIsAutoAcceptEnabled, PresenceUserConfig.OptionsIsDeclineEnabled, PresenceUserConfig.Capacity FROM PresenceUserConfigUser WHERE UserId = '${DEMO_ROUTING.alexMorgan}'`);
    assert.equal(mine.totalSize, 1);
    assert.deepEqual(mine.records[0]?.PresenceUserConfig, {
      attributes: { type: 'PresenceUserConfig', url: `/services/data/v62.0/sobjects/PresenceUserConfig/${DEMO_PRESENCE.alexConfig}` },
      DeveloperName: 'Alex_Morgan_Accept_By_Hand',
      OptionsIsAutoAcceptEnabled: false,
      OptionsIsDeclineEnabled: true,
      Capacity: 5,
    });
    const others = await query(`SELECT Id FROM PresenceUserConfigUser WHERE UserId = '${DEMO_ROUTING.jordanLee}'`);
    assert.equal(others.totalSize, 0, 'Jordan Lee has no configuration of his own');
  });

  it("answers a profile's configuration through PresenceUserConfigProfile and User.ProfileId", async () => {
    const user = await query(`SELECT ProfileId, Profile.Name FROM User WHERE Id = '${DEMO_ROUTING.jordanLee}'`);
    assert.deepEqual([user.records[0]?.ProfileId, (user.records[0]?.Profile as { Name: string }).Name], [DEMO_PRESENCE.agentProfile, 'ContactPad Agent']);
    const byProfile = await query(`SELECT PresenceUserConfig.OptionsIsAutoAcceptEnabled, PresenceUserConfig.Capacity FROM PresenceUserConfigProfile WHERE ProfileId = '${DEMO_PRESENCE.agentProfile}'`);
    assert.deepEqual(byProfile.records.map((r) => r.PresenceUserConfig).map((c) => [(c as Record<string, unknown>).OptionsIsAutoAcceptEnabled, (c as Record<string, unknown>).Capacity]), [[true, 5]]);
  });

  it('keeps presence configuration out of search, and its options fixed after create', async () => {
    const search = await sf(org, `/search?q=${encodeURIComponent('FIND {Agents} RETURNING PresenceUserConfig(Id)')}`);
    assert.equal((search.body as Array<{ errorCode: string }>)[0]?.errorCode, 'INVALID_TYPE');
    const update = await sf(org, `/sobjects/PresenceUserConfig/${DEMO_PRESENCE.alexConfig}`, { method: 'PATCH', body: { OptionsIsAutoAcceptEnabled: true } });
    assert.equal((update.body as Array<{ errorCode: string }>)[0]?.errorCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
  });
});
