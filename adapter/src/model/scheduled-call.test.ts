/** Scheduled calls: the time the agent chose, and the list read from Salesforce's rows (which can be wrong). */
import { expect } from '@open-wc/testing';
import { readScheduleTime, readScheduledCalls } from './scheduled-call.ts';
import { ContactPadError } from './errors.ts';

const NOW = Date.UTC(2027, 0, 5, 9, 0);

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    return error instanceof ContactPadError ? error.code : 'not a ContactPadError';
  }
  return 'nothing thrown';
}

describe('scheduled calls', () => {
  it('takes a time to come; refuses a time passed (or now) with SCHEDULE_IN_PAST, and no time with INVALID_INPUT', () => {
    expect(readScheduleTime('2027-01-05T10:00:00.000Z', NOW)).to.equal(Date.UTC(2027, 0, 5, 10, 0));
    expect(codeOf(() => readScheduleTime('2027-01-05T08:59:00.000Z', NOW))).to.equal('SCHEDULE_IN_PAST');
    expect(codeOf(() => readScheduleTime(new Date(NOW).toISOString(), NOW))).to.equal('SCHEDULE_IN_PAST');
    expect(codeOf(() => readScheduleTime('', NOW))).to.equal('INVALID_INPUT');
    expect(codeOf(() => readScheduleTime('next Tuesday', NOW))).to.equal('INVALID_INPUT');
  });

  it('lists the rows soonest first, leaving out a row without an id or a readable time, blank fields as \'\'', () => {
    const calls = readScheduledCalls([
      { Id: 'a0C2', Scheduled_At__c: '2027-01-07T17:00:00.000Z', Number__c: '+14155550177', Caller_Name__c: null },
      { Id: 'a0C1', Scheduled_At__c: '2027-01-06T17:00:00.000Z', Number__c: '+14155550100', Caller_Name__c: 'Maria Lopez', Record_Id__c: '00Q000000000001AAA' },
      { Id: 'a0C3', Scheduled_At__c: 'soon', Number__c: '+14155550101' },
      { Scheduled_At__c: '2027-01-06T17:00:00.000Z', Number__c: '+14155550102' },
    ]);
    expect(calls).to.deep.equal([
      { id: 'a0C1', at: Date.UTC(2027, 0, 6, 17), number: '+14155550100', name: 'Maria Lopez', recordId: '00Q000000000001AAA' },
      { id: 'a0C2', at: Date.UTC(2027, 0, 7, 17), number: '+14155550177', name: '', recordId: '' },
    ]);
  });
});
