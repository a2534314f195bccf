import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FakeOrgSession } from './client.ts';
import { DEMO_MESSAGING } from './demo-routing.ts';
import { queryPath, sf, startFakeOrgServer, type FakeOrgServer } from './test-server.ts';

type Query = { records: Array<Record<string, unknown>> };
type Composite = { compositeResponse: Array<{ body: unknown; httpStatusCode: number; referenceId: string }> };

const V = '/services/data/v62.0';

let server: FakeOrgServer;
/** An org with both legacy Chat and Messaging, so that both kinds of chat exist. */
let org: FakeOrgSession;
let transcriptId: string;
let caseId: string;
let accountId: string;
let contactId: string;

before(async () => {
  server = await startFakeOrgServer();
  org = await server.client.createOrg('demo', { features: { legacyChat: true } });
  const first = async (soql: string) => ((await sf(org, queryPath(soql))).body as Query).records[0]?.Id as string;
  transcriptId = await first("SELECT Id FROM LiveChatTranscript WHERE Location = 'Berkeley, CA'");
  caseId = await first("SELECT Id FROM Case WHERE Subject = 'Delivery delayed: order 4471'");
  accountId = await first("SELECT Id FROM Account WHERE Name = 'Acme Logistics'");
  contactId = await first("SELECT Id FROM Contact WHERE LastName = 'Kim'");
});
after(() => server.close());

/** Salesforce's answer for a WhatId that names an object outside Task's "Refers To" list. */
const wrongWhat = (id: string) => [{ message: `Related To ID: id value of incorrect type: ${id}`, errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['WhatId'] }];

describe('Task links: WhatId and WhoId take only the documented objects', () => {
  it('refuses a WhatId of a messaging session or a chat transcript with FIELD_INTEGRITY_EXCEPTION, and writes nothing', async () => {
    for (const what of [DEMO_MESSAGING.danielWaiting, transcriptId]) {
      const answer = await sf(org, '/sobjects/Task', { method: 'POST', body: { Subject: 'Chat', WhatId: what } });
      assert.deepEqual([answer.status, answer.body], [400, wrongWhat(what)], what);
    }
    const upsert = await sf(org, '/sobjects/Task/ContactPad_Interaction_Id__c/chat-0Mw-1', { method: 'PATCH', body: { Subject: 'Chat', WhatId: DEMO_MESSAGING.danielWaiting } });
    assert.deepEqual([upsert.status, upsert.body], [400, wrongWhat(DEMO_MESSAGING.danielWaiting)]);
    const tasks = (await sf(org, queryPath("SELECT Id FROM Task WHERE Subject = 'Chat' AND WhatId != null AND ContactPad_Channel__c = null"))).body as Query;
    assert.deepEqual(tasks.records, []);
  });

  it('refuses the same WhatId on an update, and inside a composite request (rolling it back)', async () => {
    const taskId = await server.client.insert(org.orgId, 'Task', { Subject: 'Call Inbound' });
    const update = await sf(org, `/sobjects/Task/${taskId}`, { method: 'PATCH', body: { WhatId: transcriptId } });
    assert.deepEqual([update.status, update.body], [400, wrongWhat(transcriptId)]);
    const composite = await sf(org, '/composite', {
      method: 'POST',
      body: {
        allOrNone: true,
        compositeRequest: [
          { method: 'POST', url: `${V}/sobjects/Task`, referenceId: 'good', body: { Subject: 'Rolled back', WhatId: caseId } },
          { method: 'POST', url: `${V}/sobjects/Task`, referenceId: 'bad', body: { Subject: 'Rolled back', WhatId: DEMO_MESSAGING.danielWaiting } },
        ],
      },
    });
    const [good, bad] = (composite.body as Composite).compositeResponse;
    assert.deepEqual([bad?.httpStatusCode, bad?.body], [400, wrongWhat(DEMO_MESSAGING.danielWaiting)]);
    assert.equal(good?.httpStatusCode, 400);
    assert.equal(((await sf(org, queryPath("SELECT Id FROM Task WHERE Subject = 'Rolled back'"))).body as Query).records.length, 0);
  });

  it('accepts a Case or an Account as WhatId, with the work item kept in ContactPad_Work_Item_Id__c', async () => {
    for (const what of [caseId, accountId]) {
      const answer = await sf(org, '/sobjects/Task', {
        method: 'POST',
        body: { Subject: 'Chat', WhatId: what, WhoId: contactId, ContactPad_Channel__c: 'chat', ContactPad_Work_Item_Id__c: DEMO_MESSAGING.danielWaiting },
      });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const id = (answer.body as { id: string }).id;
      const [task] = ((await sf(org, queryPath(`SELECT What.Type, What.Name, Who.Name, ContactPad_Work_Item_Id__c FROM Task WHERE Id = '${id}'`))).body as Query).records;
      assert.equal((task?.What as { Type: string }).Type, what === caseId ? 'Case' : 'Account');
      assert.equal((task?.Who as { Name: string }).Name, 'Daniel Kim');
      assert.equal(task?.ContactPad_Work_Item_Id__c, DEMO_MESSAGING.danielWaiting);
    }
  });

  it('refuses a WhoId that is not a Contact or Lead ("Name ID"), and a work item id longer than 18 characters', async () => {
    const who = await sf(org, '/sobjects/Task', { method: 'POST', body: { Subject: 'Call', WhoId: accountId } });
    assert.deepEqual([who.status, who.body], [400, [{ message: `Name ID: id value of incorrect type: ${accountId}`, errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['WhoId'] }]]);
    const tooLong = await sf(org, '/sobjects/Task', { method: 'POST', body: { Subject: 'Chat', ContactPad_Work_Item_Id__c: `${DEMO_MESSAGING.danielWaiting}X` } });
    assert.equal((tooLong.body as Array<{ errorCode: string }>)[0]?.errorCode, 'STRING_TOO_LONG');
  });

  it('describes WhatId and WhoId with the objects they refer to, neither chats nor sessions among them', async () => {
    const describe = (await sf(org, '/sobjects/Task/describe')).body as { fields: Array<{ name: string; referenceTo: string[]; relationshipName: string; label: string }> };
    const what = describe.fields.find((f) => f.name === 'WhatId');
    const who = describe.fields.find((f) => f.name === 'WhoId');
    assert.deepEqual([what?.label, what?.relationshipName, what?.referenceTo], ['Related To ID', 'What', ['Account', 'Campaign', 'Case']]);
    assert.deepEqual([who?.label, who?.relationshipName, who?.referenceTo], ['Name ID', 'Who', ['Contact', 'Lead']]);
    const workItem = describe.fields.find((f) => f.name === 'ContactPad_Work_Item_Id__c') as unknown as { type: string; length: number; custom: boolean; label: string };
    assert.deepEqual([workItem.type, workItem.length, workItem.custom, workItem.label], ['string', 18, true, 'Work Item ID']);
  });
});
