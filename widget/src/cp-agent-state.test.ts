import { expect, fixture, html } from '@open-wc/testing';
import './cp-agent-state.ts';
import type { CpAgentState } from './cp-agent-state.ts';
import type { AgentState } from '../../adapter/src/store.ts';
import { NOT_READY_REASONS, NOW, readyAgent } from '../test-support/snapshots.ts';
import { afterFirstPaint } from '../test-support/first-paint.ts';
import { getByRole, recordIntents, shownText } from '../test-support/queries.ts';

/** The control once its choice, loaded right after its first paint, is there (as it is long before an agent reaches for it). */
async function control(agent: AgentState, notReadyReasons: readonly string[] = NOT_READY_REASONS): Promise<CpAgentState> {
  return afterFirstPaint(await fixture<CpAgentState>(html`<cp-agent-state .agent=${agent} .notReadyReasons=${notReadyReasons}></cp-agent-state>`));
}

function optionTexts(select: HTMLElement): string[] {
  return Array.from((select as HTMLSelectElement).options).map((option) => option.text);
}

function choose(select: HTMLElement, text: string): void {
  const element = select as HTMLSelectElement;
  const option = Array.from(element.options).find((candidate) => candidate.text === text);
  if (!option) throw new Error(`no option ${text}`);
  element.value = option.value;
  element.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<cp-agent-state>', () => {
  it('says the status in words and announces it as a status', async () => {
    const cases: [AgentState, string][] = [
      [readyAgent, 'Ready'],
      [{ status: 'offline', reason: '', chosen: { status: 'offline' }, since: NOW }, 'Offline'],
      [{ status: 'not-ready', reason: 'Lunch', chosen: { status: 'not-ready', reason: 'Lunch' }, since: NOW }, 'Not Ready — Lunch'],
      [{ status: 'busy', reason: '', chosen: { status: 'ready' }, since: NOW }, 'Busy'],
      [{ status: 'wrap-up', reason: '', chosen: { status: 'ready' }, since: NOW, wrapUpEndsAt: NOW + 30_000 }, 'Wrap Up'],
      [{ status: 'cooldown', reason: '', chosen: { status: 'ready' }, since: NOW }, 'Cooldown'],
      [{ status: 'inactive', reason: '', chosen: { status: 'ready' }, since: NOW }, 'Inactive'],
    ];
    for (const [agent, words] of cases) {
      const element = await control(agent);
      const status = getByRole(element, 'status');
      expect(shownText(status)).to.equal(words);
      expect(status.textContent?.replace(/\s+/g, ' ').trim()).to.equal(`Agent status: ${words}`);
    }
  });

  it('offers Ready, Not Ready with each admin reason, and Offline, showing the current choice', async () => {
    const element = await control({ status: 'not-ready', reason: 'Break', chosen: { status: 'not-ready', reason: 'Break' }, since: NOW });
    const select = getByRole(element, 'combobox', { name: 'Set status' }) as HTMLSelectElement;
    expect(optionTexts(select)).to.deep.equal([
      'Ready',
      'Not Ready — Lunch',
      'Not Ready — Break',
      'Not Ready — Training',
      'Not Ready — Meeting',
      'Offline',
    ]);
    expect(select.selectedOptions[0]?.text).to.equal('Not Ready — Break');
  });

  it('asks for Not Ready with the reason the agent picked', async () => {
    const element = await control(readyAgent);
    const fired = recordIntents(element);
    choose(getByRole(element, 'combobox', { name: 'Set status' }), 'Not Ready — Training');
    choose(getByRole(element, 'combobox', { name: 'Set status' }), 'Offline');
    expect(fired.intents).to.deep.equal([
      { type: 'set-agent-status', choice: { status: 'not-ready', reason: 'Training' } },
      { type: 'set-agent-status', choice: { status: 'offline' } },
    ]);
  });

  it('labels the choice as the state to return to while Busy or in Wrap Up', async () => {
    const element = await control({ status: 'busy', reason: '', chosen: { status: 'not-ready', reason: 'Lunch' }, since: NOW });
    const next = getByRole(element, 'combobox', { name: 'Next' }) as HTMLSelectElement;
    expect(shownText(element)).to.equal('Busy Next Not Ready — Lunch');
    const fired = recordIntents(element);
    choose(next, 'Ready');
    expect(fired.intents).to.deep.equal([{ type: 'set-agent-status', choice: { status: 'ready' } }]);
  });

  it('offers the intended next state while in Wrap Up or Cooldown too, and plain Set status while Inactive', async () => {
    for (const status of ['wrap-up', 'cooldown'] as const) {
      const element = await control({ status, reason: '', chosen: { status: 'not-ready', reason: 'Lunch' }, since: NOW });
      expect(shownText(element)).to.equal(`${status === 'wrap-up' ? 'Wrap Up' : 'Cooldown'} Next Not Ready — Lunch`);
    }
    const inactive = await control({ status: 'inactive', reason: '', chosen: { status: 'ready' }, since: NOW });
    expect(getByRole(inactive, 'combobox', { name: 'Set status' })).to.exist;
  });

  it('follows the store, not the last click, when the snapshot changes', async () => {
    const element = await control(readyAgent);
    const select = getByRole(element, 'combobox', { name: 'Set status' }) as HTMLSelectElement;
    choose(select, 'Offline');
    element.agent = { status: 'not-ready', reason: 'Lunch', chosen: { status: 'not-ready', reason: 'Lunch' }, since: NOW };
    await afterFirstPaint(element);
    expect(select.selectedOptions[0]?.text).to.equal('Not Ready — Lunch');
  });

  it('goes back to the stored choice when the controller does not take the new one', async () => {
    const element = await control(readyAgent);
    const select = getByRole(element, 'combobox', { name: 'Set status' }) as HTMLSelectElement;
    choose(select, 'Offline');
    await afterFirstPaint(element);
    expect(select.selectedOptions[0]?.text).to.equal('Ready');
  });

  it('keeps showing a chosen reason the admin has since removed from the list', async () => {
    const element = await control({ status: 'not-ready', reason: 'Coaching', chosen: { status: 'not-ready', reason: 'Coaching' }, since: NOW });
    const select = getByRole(element, 'combobox', { name: 'Set status' }) as HTMLSelectElement;
    expect(select.selectedOptions[0]?.text).to.equal('Not Ready — Coaching');
  });

  it('offers no Not Ready without a reason when the admin configured none', async () => {
    const element = await control(readyAgent, []);
    expect(optionTexts(getByRole(element, 'combobox', { name: 'Set status' }))).to.deep.equal(['Ready', 'Offline']);
  });
});
