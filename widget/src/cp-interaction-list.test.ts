import { expect, fixture, html } from '@open-wc/testing';
import './cp-interaction-list.ts';
import type { CpInteractionList } from './cp-interaction-list.ts';
import type { InteractionView } from '../../adapter/src/store.ts';
import { FakeClock } from './fixtures/fake-clock.ts';
import { HOSTILE_TEXT, NOW, connected, missed, ringing, view, wrappingUp } from './fixtures/snapshots.ts';
import { accessibleName, deepQueryAll, getByRole, queryAllByRole, recordIntents, shownText } from './fixtures/queries.ts';

async function list(interactions: readonly InteractionView[], clock = new FakeClock(NOW), selectedId?: string): Promise<CpInteractionList> {
  return fixture<CpInteractionList>(
    html`<cp-interaction-list .interactions=${interactions} .selectedId=${selectedId} .clock=${clock}></cp-interaction-list>`,
  );
}

function items(element: CpInteractionList): HTMLElement[] {
  return queryAllByRole(getByRole(element, 'list', { name: 'Interactions' }), 'listitem');
}

describe('<cp-interaction-list>', () => {
  it('lists every interaction in the store order (newest first) with customer, state, time in state and log status', async () => {
    const element = await list([ringing, connected, wrappingUp, missed]);
    expect(items(element).map(shownText)).to.deep.equal([
      'Ann Smith 00:04 Alerting · Sales',
      'Bob Jones 02:05 Connected · Support Release',
      'Carla Diaz 00:15 Wrap Up · Renewals · Saving…',
      '555-0199 Missed · Sales · Saved',
    ]);
  });

  it('shows every state and log status in words', async () => {
    const states = ['ended', 'rejected', 'failed'] as const;
    const element = await list([
      ...states.map((state, index) => view({ id: `ci-${state}`, state, offeredAt: NOW - 60_000, endedAt: NOW - 50_000 }, { log: index === 0 ? 'retrying' : 'none' })),
    ]);
    expect(items(element).map(shownText)).to.deep.equal([
      'Ann Smith Ended · Sales · Will retry',
      'Ann Smith Rejected · Sales',
      'Ann Smith Failed · Sales',
    ]);
  });

  it('says Calling, not Alerting, for a call the agent placed that is still ringing out', async () => {
    const element = await list([view({ id: 'ci-outbound', direction: 'outbound', callerName: '', callerNumber: '+1 415 555 0100', queue: '' })]);
    expect(items(element).map(shownText)).to.deep.equal(['+1 415 555 0100 00:04 Calling']);
  });

  it('gives each item an accessible name with the kind of interaction, and marks the selected one', async () => {
    const element = await list([ringing, connected, view({ id: 'ci-video', channel: 'video', callerName: '', callerNumber: '555-0123' })], new FakeClock(NOW), connected.interaction.id);
    const buttons = queryAllByRole(getByRole(element, 'list', { name: 'Interactions' }), 'button').filter((button) => button.classList.contains('item'));
    expect(buttons.map(accessibleName)).to.deep.equal([
      'Voice call, Ann Smith 00:04 Alerting · Sales',
      'Voice call, Bob Jones 02:05 Connected · Support',
      'Video call, 555-0123 00:04 Alerting · Sales',
    ]);
    expect(buttons.map((button) => button.getAttribute('aria-current'))).to.deep.equal(['false', 'true', 'false']);
  });

  it('selects an interaction when the agent picks it', async () => {
    const element = await list([ringing, connected]);
    const fired = recordIntents(element);
    getByRole(element, 'button', { name: /^Voice call, Bob Jones/ }).click();
    expect(fired.intents).to.deep.equal([{ type: 'select', interactionId: 'ci-5512be07' }]);
  });

  it('offers Release only on connected interactions', async () => {
    const element = await list([ringing, connected, wrappingUp, missed]);
    const releases = queryAllByRole(element, 'button', { name: 'Release' });
    expect(releases).to.have.length(1);
    const fired = recordIntents(element);
    releases[0]!.click();
    expect(fired.intents).to.deep.equal([{ type: 'release', interactionId: 'ci-5512be07' }]);
  });

  it('counts the time in state every second while something is live', async () => {
    const clock = new FakeClock(NOW);
    const element = await list([connected], clock);
    expect(shownText(items(element)[0]!)).to.contain('02:05');
    clock.advance(1_000);
    await element.updateComplete;
    expect(shownText(items(element)[0]!)).to.contain('02:06');
    clock.advance(60_000);
    await element.updateComplete;
    expect(shownText(items(element)[0]!)).to.contain('03:06');
  });

  it('runs no timer when nothing is live, and shows the talk time of finished calls', async () => {
    const clock = new FakeClock(NOW);
    const element = await list([connected], clock);
    expect(clock.activeTimers).to.equal(1);
    const ended = view({ ...connected.interaction, state: 'ended', releasedAt: NOW - 5_000, endedAt: NOW - 5_000 });
    element.interactions = [ended, missed];
    await element.updateComplete;
    expect(clock.activeTimers).to.equal(0);
    expect(items(element).map(shownText)).to.deep.equal(['Bob Jones 02:00 Ended · Support', '555-0199 Missed · Sales · Saved']);
    element.remove();
  });

  it('stops its timer when removed from the page', async () => {
    const clock = new FakeClock(NOW);
    const element = await list([connected], clock);
    element.remove();
    expect(clock.activeTimers).to.equal(0);
  });

  it('says so when there is nothing yet', async () => {
    const element = await list([]);
    expect(shownText(element)).to.equal('No interactions yet.');
  });

  it('renders markup in caller names as text', async () => {
    const element = await list([view({ callerName: HOSTILE_TEXT })]);
    expect(shownText(items(element)[0]!)).to.contain(HOSTILE_TEXT);
    expect(deepQueryAll(element, 'img')).to.have.length(0);
  });
});
