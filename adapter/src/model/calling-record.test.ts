import { expect } from '@open-wc/testing';
import {
  CALLING_RECORD_TRANSITIONS,
  isDue,
  moveCallingRecord,
  rejectReason,
  rescheduleTime,
  type CallingRecord,
  type CallingRecordEvent,
  type CallingRecordState,
} from './calling-record.ts';
import { ContactPadError } from './errors.ts';

const NOW = Date.UTC(2026, 11, 6, 9, 0);

const waiting: CallingRecord = Object.freeze({
  memberId: '00v000000000001AAA',
  personId: '00Q000000000001AAA',
  objectType: 'Lead',
  name: 'Maria Lopez',
  title: '',
  company: 'Lopez Bakery',
  phone: '(415) 555-0100',
  mobilePhone: '',
  email: '',
  place: '',
  memberStatus: 'Sent',
  doNotCall: false,
  nextAttemptAt: undefined,
  state: 'waiting',
});

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof ContactPadError) return error.code;
    throw error;
  }
  return 'none';
}

const EVENTS: readonly CallingRecordEvent[] = ['preview', 'leave', 'call', 'blocked', 'answered', 'not-connected', 'reject', 'reschedule'];

describe('calling records (preview dialling)', () => {
  it('moves only as the table allows: every other move is refused with INVALID_TRANSITION and changes nothing', () => {
    for (const state of Object.keys(CALLING_RECORD_TRANSITIONS) as CallingRecordState[]) {
      for (const event of EVENTS) {
        const record = { ...waiting, state };
        const next = CALLING_RECORD_TRANSITIONS[state][event];
        if (next) expect(moveCallingRecord(record, event).state, `${state} --${event}-->`).to.equal(next);
        else expect(codeOf(() => moveCallingRecord(record, event)), `${state} --${event}--> refused`).to.equal('INVALID_TRANSITION');
      }
    }
    expect(waiting.state, 'records are values').to.equal('waiting');
  });

  it('walks a record through preview, a call nobody answers, a second call answered, and a reschedule asked by the customer', () => {
    let record = moveCallingRecord(waiting, 'preview');
    record = moveCallingRecord(record, 'call', { callId: 'call-1' });
    record = moveCallingRecord(record, 'not-connected');
    record = moveCallingRecord(record, 'call', { callId: 'call-2' });
    record = moveCallingRecord(record, 'answered');
    expect([record.state, record.callId]).to.deep.equal(['called', 'call-2']);
    record = moveCallingRecord(record, 'reschedule', { rescheduledTo: NOW + 3600_000 });
    expect(record).to.include({ state: 'rescheduled', rescheduledTo: NOW + 3600_000 });
    expect(Object.isFrozen(record)).to.equal(true);
  });

  it('offers a record when it is not closed and its rescheduled attempt (if any) is due', () => {
    expect(isDue(waiting, NOW)).to.equal(true);
    expect(isDue({ ...waiting, nextAttemptAt: NOW + 1 }, NOW)).to.equal(false);
    expect(isDue({ ...waiting, nextAttemptAt: NOW }, NOW)).to.equal(true);
    expect(isDue({ ...waiting, memberStatus: 'Called' }, NOW)).to.equal(false);
    expect(isDue({ ...waiting, memberStatus: 'Rejected' }, NOW)).to.equal(false);
    expect(isDue({ ...waiting, memberStatus: 'Not Reached' }, NOW), 'not reached is called again').to.equal(true);
  });

  it('needs a reason to reject (kept on one line, 255 characters at most)', () => {
    expect(codeOf(() => rejectReason(' \n '))).to.equal('INVALID_INPUT');
    expect(codeOf(() => rejectReason(undefined))).to.equal('INVALID_INPUT');
    expect(rejectReason('  Wrong\tnumber \n on file ')).to.equal('Wrong number on file');
    expect(rejectReason('x'.repeat(300))).to.have.length(255);
  });

  it('reschedules only to a time to come: a time gone by or now is RESCHEDULE_TIME_PASSED, no time is INVALID_INPUT', () => {
    expect(rescheduleTime(NOW + 60_000, NOW)).to.equal(NOW + 60_000);
    expect(codeOf(() => rescheduleTime(NOW, NOW))).to.equal('RESCHEDULE_TIME_PASSED');
    expect(codeOf(() => rescheduleTime(NOW - 86_400_000, NOW))).to.equal('RESCHEDULE_TIME_PASSED');
    expect(codeOf(() => rescheduleTime(Number.NaN, NOW))).to.equal('INVALID_INPUT');
    expect(codeOf(() => rescheduleTime('tomorrow', NOW))).to.equal('INVALID_INPUT');
  });
});
