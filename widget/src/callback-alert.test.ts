/**
 * A callback alert as the agent sees it (seed 001): the call pop with every field (name, number,
 * labels, Location, Ad Source, queue) and Start Call / Reject; once started, the call bar (the
 * caller detail) reads "Call to <number>" with the attempt and how it stands.
 */
import { expect, fixture, html } from '@open-wc/testing';
import './cp-call-pop.ts';
import './cp-interaction-detail.ts';
import type { CpCallPop } from './cp-call-pop.ts';
import type { CpInteractionDetail } from './cp-interaction-detail.ts';
import type { InteractionView } from '../../adapter/src/store.ts';
import { FakeClock } from '../../adapter/test-support/fake-clock.ts';
import { NOW, lookup, view } from '../test-support/snapshots.ts';
import { getByRole, recordIntents, shownText } from '../test-support/queries.ts';
import { afterFirstPaint } from '../test-support/first-paint.ts';
import { waitUntil } from '../../adapter/test-support/wait-for.ts';

const CALLBACK = { channel: 'callback', id: 'cb-1', callerName: 'Ann Smith', callerNumber: '+1 415 555 0100', location: 'Downtown', adSource: 'Radio', queue: 'Callbacks' } as const;

async function pop(callView: InteractionView): Promise<CpCallPop> {
  return afterFirstPaint(await fixture<CpCallPop>(html`<cp-call-pop .view=${callView} .declineReasons=${[]} .clock=${new FakeClock(NOW)}></cp-call-pop>`));
}

async function detail(callView: InteractionView): Promise<CpInteractionDetail> {
  return fixture<CpInteractionDetail>(html`<cp-interaction-detail .view=${callView} .clock=${new FakeClock(NOW)}></cp-interaction-detail>`);
}

describe('a callback alert', () => {
  it('shows every field of the alert, both labels of a Customer who is an open Lead, Start Call and Reject', async () => {
    const element = await pop(view(CALLBACK, { caller: lookup({ labels: ['Lead', 'Customer'] }) }));
    await waitUntil(() => shownText(element).includes('Customer'), 'the labels drawn');
    expect(shownText(element)).to.match(/^Callback Lead Customer Ann Smith \+1 415 555 0100 .*Call To Downtown Queue Callbacks Ad Source Radio Start Call Reject$/);
    const fired = recordIntents(element);
    getByRole(element, 'button', { name: 'Start Call' }).click();
    getByRole(element, 'button', { name: 'Reject' }).click();
    expect(fired.intents).to.deep.equal([
      { type: 'accept', interactionId: 'cb-1' },
      { type: 'reject', interactionId: 'cb-1' },
    ]);
  });

  it('an unknown number: the grey Unknown label', async () => {
    const element = await pop(view({ ...CALLBACK, callerName: '' }, { caller: lookup({ labels: ['Unknown'], matches: [] }) }));
    await waitUntil(() => shownText(element).includes('Unknown'), 'the label drawn');
    expect(shownText(element)).to.match(/^Callback Unknown \+1 415 555 0100 /);
  });

  it('once started, the call bar reads "Call to <number>" with the attempt; not connected, it says the request is kept', async () => {
    const started = await detail(view({ ...CALLBACK, state: 'connected' }, { callback: { attempt: 2, attemptLimit: 3, status: 'in-progress', outcome: '', reason: '' } }));
    await waitUntil(() => shownText(started).includes('Call to'), 'drawn');
    expect(shownText(started.shadowRoot!.querySelector('.who')!)).to.equal('Call to +1 415 555 0100');
    expect(shownText(started.shadowRoot!.querySelector('.callback')!)).to.equal('Attempt 2 of 3 · In progress');
    const kept = await detail(
      view({ ...CALLBACK, state: 'wrap-up' }, { callback: { attempt: 2, attemptLimit: 3, status: 'waiting', outcome: 'no-answer', reason: 'No answer (480 Temporarily Unavailable)' } }),
    );
    await waitUntil(() => shownText(kept).includes('Call to'), 'drawn');
    expect(shownText(kept.shadowRoot!.querySelector('.callback')!)).to.equal('Attempt 2 of 3 · Not connected: kept for another attempt · No answer (480 Temporarily Unavailable)');
  });
});
