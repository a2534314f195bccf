import { expect } from '@open-wc/testing';
import { ContactPadError } from '../model/errors.ts';
import { NOTICE_LIMIT, describeError } from './notice-desk.ts';
import { testDesks } from '../../test-support/desk-rig.ts';

describe('the notice desk', () => {
  it('tells the agent a failure by its catalogue code, and one without a code as UNEXPECTED', () => {
    const { notices, store } = testDesks();
    notices.notify(new ContactPadError('CAPACITY_EXCEEDED', 'No room for a second call.'));
    notices.notify(new Error('socket closed'));
    notices.notify('a bare string');
    expect(store.snapshot.notices.map(({ code, message }) => ({ code, message }))).to.deep.equal([
      { code: 'CAPACITY_EXCEEDED', message: 'No room for a second call.' },
      { code: 'UNEXPECTED', message: 'socket closed' },
      { code: 'UNEXPECTED', message: 'a bare string' },
    ]);
    expect(describeError(new ContactPadError('INVALID_INPUT', 'Type a number to call.'))).to.deep.equal({ code: 'INVALID_INPUT', message: 'Type a number to call.' });
  });

  it(`keeps the newest ${NOTICE_LIMIT} notices, each with an id of its own, and dismisses one by its id`, () => {
    const { notices, store } = testDesks();
    for (let n = 1; n <= NOTICE_LIMIT + 2; n += 1) notices.notify(new Error(`problem ${n}`));
    const shown = store.snapshot.notices;
    expect(shown.map((n) => n.message)).to.deep.equal(['problem 3', 'problem 4', 'problem 5', 'problem 6', 'problem 7']);
    expect(new Set(shown.map((n) => n.id)).size).to.equal(NOTICE_LIMIT);
    notices.dismiss(shown[1]!.id);
    expect(store.snapshot.notices.map((n) => n.message)).to.deep.equal(['problem 3', 'problem 5', 'problem 6', 'problem 7']);
  });

  it('keeps a notice told to be kept until the agent dismisses it, however many come after, and runs its onDismiss then only', () => {
    const { notices, store } = testDesks();
    const dismissed: string[] = [];
    notices.notify(new ContactPadError('CALLING_OUTCOME_REFUSED', 'Sam Carter: Rejected (Spring calls): not written'), { keep: true, onDismiss: () => dismissed.push('sam') });
    notices.notify(new Error('trimmed, never dismissed'), { onDismiss: () => dismissed.push('trimmed') });
    for (let n = 1; n <= NOTICE_LIMIT + 2; n += 1) notices.notify(new Error(`problem ${n}`));
    const shown = store.snapshot.notices;
    expect(shown.map((n) => n.message)).to.deep.equal(['Sam Carter: Rejected (Spring calls): not written', 'problem 4', 'problem 5', 'problem 6', 'problem 7']);
    expect(dismissed, 'a notice pushed out is not dismissed by the agent').to.deep.equal([]);
    notices.dismiss(shown[0]!.id);
    expect(dismissed).to.deep.equal(['sam']);
    expect(store.snapshot.notices.map((n) => n.code)).to.not.include('CALLING_OUTCOME_REFUSED');
  });

  it('shows the newest notice even when as many kept ones fill the list', () => {
    const { notices, store } = testDesks();
    for (let n = 1; n <= NOTICE_LIMIT; n += 1) notices.notify(new ContactPadError('CALLING_OUTCOME_REFUSED', `refused ${n}`), { keep: true });
    notices.notify(new Error('socket closed'));
    notices.notify(new Error('socket closed again'));
    expect(store.snapshot.notices.map((n) => n.message)).to.deep.equal(['refused 1', 'refused 2', 'refused 3', 'refused 4', 'refused 5', 'socket closed again']);
  });
});
