import { expect } from '@open-wc/testing';
import { journeyFromTasks, salesforceTime } from './customer-journey.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

// Task rows as the SOSL answer returns them (RETURNING Task(Id, Subject, CreatedDate, Owner.Name, CallType, ContactPad_Channel__c, ContactPad_Status__c)).
const task = (id: string, createdDate: string, extra: Record<string, unknown> = {}) => ({
  attributes: { type: 'Task', url: `/services/data/v62.0/sobjects/Task/${id}` },
  Id: id,
  Subject: 'Call Inbound',
  CreatedDate: createdDate,
  Owner: { attributes: { type: 'User' }, Name: 'Agent One' },
  CallType: 'Inbound',
  ContactPad_Channel__c: 'voice',
  ContactPad_Status__c: 'Ended',
  ...extra,
});

describe('the customer journey from Tasks', () => {
  it('lists interactions newest first, with channel in words, agent, status and time', () => {
    const journey = journeyFromTasks([
      task('00T000000000001AAA', '2024-05-01T12:00:00.000+0000'),
      task('00T000000000002AAA', '2024-06-01T08:30:00.000+0000', { ContactPad_Channel__c: 'chat', ContactPad_Status__c: 'Failed', Subject: 'Chat' }),
    ], 5);
    expect(journey).to.deep.equal([
      { taskId: '00T000000000002AAA', channel: 'Chat', agent: 'Agent One', status: 'Failed', at: Date.UTC(2024, 5, 1, 8, 30), subject: 'Chat' },
      { taskId: '00T000000000001AAA', channel: 'Voice call', agent: 'Agent One', status: 'Ended', at: Date.UTC(2024, 4, 1, 12), subject: 'Call Inbound' },
    ]);
  });

  it('reads blanks and strange values as blanks or defaults, keeps markup as text, and caps the size', () => {
    const journey = journeyFromTasks([
      task('00T000000000003AAA', 'yesterday', { Owner: null, ContactPad_Status__c: 'Lost', ContactPad_Channel__c: null, CallType: null, Subject: '<b>x</b>' }),
      task('00T000000000004AAA', '2024-06-01T08:30:00.000Z', { ContactPad_Channel__c: 'Fax', ContactPad_Status__c: 'transferring' }),
      task('00T000000000004AAA', '2024-06-01T08:30:00.000Z'),
      { attributes: { type: 'Task' }, Id: null },
    ], 5);
    expect(journey.map((e) => [e.channel, e.agent, e.status, e.at, e.subject])).to.deep.equal([
      ['Fax', 'Agent One', 'Transferring', Date.UTC(2024, 5, 1, 8, 30), 'Call Inbound'],
      ['', '', 'Ended', 0, '<b>x</b>'],
    ]);
    expect(journeyFromTasks([task('00T000000000001AAA', '2024-05-01T12:00:00Z'), task('00T000000000002AAA', '2024-05-02T12:00:00Z')], 1).map((e) => e.taskId)).to.deep.equal(['00T000000000002AAA']);
  });

  it("carries the record each Task is on (WhoId, else WhatId; never a malformed id), which opens while the Task has no id yet", () => {
    const journey = journeyFromTasks([
      task('00T000000000001AAA', '2024-05-01T12:00:00Z', { WhoId: '00Q000000000001AAA', WhatId: '701000000000001AAA' }),
      task('', '2024-05-02T12:00:00Z', { ContactPad_Interaction_Id__c: 'call-7', WhoId: null, WhatId: '701000000000001AAA' }),
      task('00T000000000003AAA', '2024-05-03T12:00:00Z', { WhoId: "00Q' OR 1=1", WhatId: null }),
    ], 5);
    expect(journey.map((e) => [e.taskId, e.recordId])).to.deep.equal([
      ['00T000000000003AAA', undefined],
      ['', '701000000000001AAA'],
      ['00T000000000001AAA', '00Q000000000001AAA'],
    ]);
  });

  it('reads Salesforce datetimes with +0000 offsets', () => {
    expect(salesforceTime('2024-05-01T12:00:00.000+0000')).to.equal(Date.UTC(2024, 4, 1, 12));
    expect(salesforceTime('2024-05-01T14:00:00.000+0200')).to.equal(Date.UTC(2024, 4, 1, 12));
    expect(salesforceTime(42)).to.equal(0);
  });
});
