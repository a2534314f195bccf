import { expect } from '@open-wc/testing';
import type { Interaction } from '../model/interaction.ts';
import { ContactPadError } from '../model/errors.ts';
import { activityFromInteraction, journeyStatus, refusedLink, withoutLink } from './activity-log.ts';
import { toContactPadError } from './salesforce-error.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const T0 = Date.UTC(2026, 10, 22, 10, 2, 3);

const call: Interaction = {
  id: 'cp-7f3a-0001',
  channel: 'voice',
  direction: 'inbound',
  callerName: 'Ann Smith',
  callerNumber: '+1 415 555 0100',
  queue: 'Sales',
  location: 'Main line',
  adSource: 'Spring promo',
  state: 'ended',
  offeredAt: T0,
  answeredAt: T0 + 4_000,
  releasedAt: T0 + 129_400,
  endedAt: T0 + 190_000,
  journey: [
    { at: T0, kind: 'offered' },
    { at: T0 + 4_000, kind: 'answered' },
    { at: T0 + 129_400, kind: 'released' },
    { at: T0 + 190_000, kind: 'wrapped-up' },
  ],
  disposition: 'Interested',
  notes: 'Wants a quote for 20 seats.\nCall back Friday.',
};

describe('the Task written for an interaction', () => {
  it('is a completed inbound logged call with subject, talk time, disposition and the call id', () => {
    const task = activityFromInteraction(call, { whoId: '00Q5e00000AbCdEEAV', whatId: '0015e00000QrStUAAV' }, T0 + 200_000);
    expect(task).to.include({
      Subject: 'Inbound call from Ann Smith (+1 415 555 0100)',
      TaskSubtype: 'Call',
      Status: 'Completed',
      CallType: 'Inbound',
      CallDurationInSeconds: 125,
      CallDisposition: 'Interested',
      CallObject: 'cp-7f3a-0001',
      WhoId: '00Q5e00000AbCdEEAV',
      WhatId: '0015e00000QrStUAAV',
    });
  });

  it('carries the notes, a blank line, then the journey in its description', () => {
    const task = activityFromInteraction(call, {}, T0 + 200_000);
    expect(task.Description).to.equal(
      [
        'Wants a quote for 20 seats.',
        'Call back Friday.',
        '',
        'Journey:',
        '2026-11-22T10:02:03Z offered',
        '2026-11-22T10:02:07Z answered',
        '2026-11-22T10:04:12Z released',
        '2026-11-22T10:05:13Z wrapped-up',
      ].join('\n'),
    );
  });

  it('dates the activity on the local day it was written', () => {
    const at = new Date(2026, 0, 5, 23, 30).getTime();
    expect(activityFromInteraction(call, {}, at).ActivityDate).to.equal('2026-01-05');
  });

  it("reads 'Inbound call' for an unknown caller, and names whoever is known", () => {
    expect(activityFromInteraction({ ...call, callerName: '', callerNumber: '' }, {}, T0).Subject).to.equal('Inbound call');
    expect(activityFromInteraction({ ...call, callerName: '' }, {}, T0).Subject).to.equal('Inbound call from +1 415 555 0100');
  });

  it('says Outbound for a call the agent placed', () => {
    const task = activityFromInteraction({ ...call, direction: 'outbound' }, {}, T0);
    expect(task.CallType).to.equal('Outbound');
    expect(task.Subject).to.equal('Outbound call to Ann Smith (+1 415 555 0100)');
  });

  it('logs zero talk time for a call never answered, and no links when none are given', () => {
    const missed: Interaction = { ...call, answeredAt: undefined, releasedAt: undefined, state: 'missed', disposition: '', notes: '' };
    const task = activityFromInteraction(missed, { whoId: '  ' }, T0 + 30_000);
    expect(task.CallDurationInSeconds).to.equal(0);
    expect(task).to.not.have.property('WhoId');
    expect(task).to.not.have.property('WhatId');
    expect(task.Description.startsWith('Journey:\n')).to.equal(true);
  });

  it('keeps markup in a caller name as text and flattens line breaks in the subject', () => {
    const task = activityFromInteraction({ ...call, callerName: '<b>Ann</b>\r\nSmith' }, {}, T0);
    expect(task.Subject).to.equal('Inbound call from <b>Ann</b> Smith (+1 415 555 0100)');
  });

  it('caps text to the Salesforce field lengths, keeping the notes before the journey', () => {
    const task = activityFromInteraction(
      { ...call, callerName: 'N'.repeat(400), disposition: 'D'.repeat(300), notes: 'n'.repeat(40_000), id: 'i'.repeat(300) },
      {},
      T0,
    );
    expect(task.Subject.length).to.equal(255);
    expect(task.CallDisposition.length).to.equal(255);
    expect(task.CallObject.length).to.equal(255);
    expect(task.Description.length).to.equal(32000);
    expect(task.Description.startsWith('nnnn')).to.equal(true);
  });

  it('does not split an emoji when it cuts', () => {
    const task = activityFromInteraction({ ...call, callerName: `${'a'.repeat(231)}${'😀'.repeat(40)}`, callerNumber: '' }, {}, T0);
    expect(task.Subject.length).to.be.at.most(255);
    expect(/[\ud800-\udbff]…$/.test(task.Subject)).to.equal(false);
  });

  it("records the caller's E.164 number, the channel and the journey status Ended for an ended call", () => {
    const task = activityFromInteraction(call, {}, T0 + 200_000, '+14155550100');
    expect(task).to.include({
      ContactPad_Caller_Number__c: '+14155550100',
      ContactPad_Channel__c: 'voice',
      ContactPad_Status__c: 'Ended',
    });
    expect(activityFromInteraction({ ...call, channel: 'video' }, {}, T0).ContactPad_Channel__c).to.equal('video');
    expect(activityFromInteraction({ ...call, channel: 'callback' }, {}, T0).ContactPad_Channel__c).to.equal('callback');
  });

  it('says Failed for a call that failed, was missed or rejected', () => {
    const failed: Interaction = { ...call, state: 'failed', journey: [...call.journey.slice(0, 2), { at: T0 + 9_000, kind: 'failed', detail: 'media lost' }] };
    expect(activityFromInteraction(failed, {}, T0).ContactPad_Status__c).to.equal('Failed');
    expect(activityFromInteraction({ ...call, state: 'missed' }, {}, T0).ContactPad_Status__c).to.equal('Failed');
    expect(activityFromInteraction({ ...call, state: 'rejected' }, {}, T0).ContactPad_Status__c).to.equal('Failed');
  });

  it('names the journey status of a live interaction as the contact centre does', () => {
    expect(journeyStatus({ ...call, state: 'alerting' })).to.equal('Assigning');
    expect(journeyStatus({ ...call, state: 'connected', journey: call.journey.slice(0, 2) })).to.equal('Assigned');
    expect(journeyStatus({ ...call, state: 'connected', journey: [...call.journey.slice(0, 2), { at: T0 + 9_000, kind: 'transferred' }] })).to.equal('Transferring');
    expect(journeyStatus({ ...call, state: 'wrap-up' })).to.equal('Ended');
  });

  it('a callback attempt that is over: Waiting while its request is kept for another attempt, Failed when no attempts are left, Ended when completed', () => {
    const attempt: Interaction = { ...call, channel: 'callback', state: 'ended' };
    expect(journeyStatus({ ...attempt, callbackRequest: 'waiting' })).to.equal('Waiting');
    expect(journeyStatus({ ...attempt, state: 'wrap-up', callbackRequest: 'waiting' })).to.equal('Waiting');
    expect(journeyStatus({ ...attempt, callbackRequest: 'failed' })).to.equal('Failed');
    expect(journeyStatus({ ...attempt, callbackRequest: 'completed' })).to.equal('Ended');
    expect(journeyStatus({ ...attempt, state: 'connected', callbackRequest: 'waiting' })).to.equal('Assigned');
  });

  it('leaves the caller number out when it is not E.164 (withheld, national, garbage)', () => {
    for (const number of [undefined, '', '4155550100', '+0 415 555 0100', '+1415555010012345', 'anonymous', '+1-415-555-0100']) {
      expect(activityFromInteraction(call, {}, T0, number), String(number)).to.not.have.property('ContactPad_Caller_Number__c');
    }
  });

  it('lists every journey step with its time: held, retrieved and transferred too', () => {
    const transferred: Interaction = {
      ...call,
      notes: '',
      journey: [
        { at: T0, kind: 'offered' },
        { at: T0 + 4_000, kind: 'answered' },
        { at: T0 + 30_000, kind: 'held' },
        { at: T0 + 45_000, kind: 'retrieved' },
        { at: T0 + 60_000, kind: 'transferred', detail: 'to Billing' },
        { at: T0 + 61_000, kind: 'released' },
        { at: T0 + 90_000, kind: 'wrapped-up' },
      ],
    };
    expect(activityFromInteraction(transferred, {}, T0 + 90_000).Description).to.equal(
      [
        'Journey:',
        '2026-11-22T10:02:03Z offered',
        '2026-11-22T10:02:07Z answered',
        '2026-11-22T10:02:33Z held',
        '2026-11-22T10:02:48Z retrieved',
        '2026-11-22T10:03:03Z transferred — to Billing',
        '2026-11-22T10:03:04Z released',
        '2026-11-22T10:03:33Z wrapped-up',
      ].join('\n'),
    );
  });
});

describe('the records a Task links to', () => {
  const chat: Interaction = { ...call, id: '0Bz000000000001AAA', channel: 'chat', callerNumber: '', notes: '' };

  it('keeps a chat\'s Messaging Session or Chat Transcript in ContactPad_Work_Item_Id__c and links the chat\'s Case and Contact', () => {
    const task = activityFromInteraction(chat, { whoId: '003000000000001AAA', whatId: '500000000000001AAA', workItemId: '0Mw000000000001AAA' }, T0);
    expect(task).to.include({ WhoId: '003000000000001AAA', WhatId: '500000000000001AAA', ContactPad_Work_Item_Id__c: '0Mw000000000001AAA' });
    expect(activityFromInteraction(call, {}, T0)).to.not.have.property('ContactPad_Work_Item_Id__c');
  });

  it('never sends a WhatId Salesforce refuses (a Messaging Session, a Chat Transcript, a User): it is named in the notes instead', () => {
    for (const whatId of ['0Mw000000000001AAA', '570000000000001AAA', '005000000000001AAA']) {
      const task = activityFromInteraction(chat, { whatId, whoId: '00Q000000000001AAA' }, T0);
      expect(task, whatId).to.not.have.property('WhatId');
      expect(task.WhoId).to.equal('00Q000000000001AAA');
      expect(task.Description).to.contain(`Not linked (Salesforce refuses a Task link to it): ${whatId}`);
    }
    const notAPerson = activityFromInteraction(chat, { whoId: '001000000000001AAA' }, T0);
    expect(notAPerson).to.not.have.property('WhoId');
  });

  it('tells which link Salesforce refused (FIELD_INTEGRITY_EXCEPTION on WhatId or WhoId) so the Task is written without it', () => {
    const task = activityFromInteraction(chat, { whoId: '003000000000001AAA', whatId: 'a01000000000001AAA' }, T0);
    const onWhat = toContactPadError({ errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'Related To ID: id value of incorrect type: a01000000000001AAA', fields: ['WhatId'] }, { status: 400 });
    expect(refusedLink(onWhat, task)).to.equal('WhatId');
    const onWho = toContactPadError({ errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'Name ID: id value of incorrect type', fields: ['WhoId'] }, { status: 400 });
    expect(refusedLink(onWho, task)).to.equal('WhoId');
    const without = withoutLink(task, 'WhatId');
    expect(without).to.not.have.property('WhatId');
    expect(without.WhoId).to.equal('003000000000001AAA');
    expect(without.Description).to.contain('a01000000000001AAA');
    expect(refusedLink(onWhat, without), 'the refused What is gone: that error cannot come again').to.equal(undefined);
    const unnamed = toContactPadError({ errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'field integrity exception: unknown (id value of incorrect type)' }, { status: 400 });
    expect(refusedLink(unnamed, task), 'no field named: the What first').to.equal('WhatId');
    expect(refusedLink(unnamed, without), 'then the Who').to.equal('WhoId');
    expect(refusedLink(toContactPadError({ errorCode: 'REQUIRED_FIELD_MISSING', message: 'x' }, { status: 400 }), task)).to.equal(undefined);
    expect(refusedLink(new ContactPadError('CRM_UNAVAILABLE', 'down'), task)).to.equal(undefined);
  });
});
