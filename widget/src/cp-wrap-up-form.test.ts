import { expect, fixture, html } from '@open-wc/testing';
import './cp-wrap-up-form.ts';
import type { CpWrapUpForm } from './cp-wrap-up-form.ts';
import type { InteractionView } from '../../adapter/src/store.ts';
import { FakeClock } from '../../adapter/test-support/fake-clock.ts';
import { DISPOSITIONS, NOW, view, wrappingUp } from '../test-support/snapshots.ts';
import { getByRole, recordIntents, shownText } from '../test-support/queries.ts';

async function form(wrapUp: InteractionView | undefined, clock = new FakeClock(NOW)): Promise<CpWrapUpForm> {
  return fixture<CpWrapUpForm>(html`<cp-wrap-up-form .view=${wrapUp} .dispositions=${DISPOSITIONS} .clock=${clock}></cp-wrap-up-form>`);
}

function disposition(element: CpWrapUpForm): HTMLSelectElement {
  return getByRole(element, 'combobox', { name: 'Disposition' }) as HTMLSelectElement;
}

function notes(element: CpWrapUpForm): HTMLTextAreaElement {
  return getByRole(element, 'textbox', { name: 'Notes' }) as HTMLTextAreaElement;
}

function pick(element: CpWrapUpForm, text: string): void {
  const select = disposition(element);
  select.value = text;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

function type(element: CpWrapUpForm, text: string): void {
  const area = notes(element);
  area.value = text;
  area.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('<cp-wrap-up-form>', () => {
  it('shows whose wrap up it is, the time left, the disposition picklist and notes', async () => {
    const element = await form(wrappingUp);
    expect(getByRole(element, 'form', { name: 'Wrap up: Carla Diaz' })).to.exist;
    expect(shownText(getByRole(element, 'timer'))).to.equal('Wrap up ends in 0:45');
    expect(Array.from(disposition(element).options).map((option) => option.text)).to.deep.equal(['--None--', ...DISPOSITIONS]);
    expect(disposition(element).value).to.equal('');
    expect(notes(element).maxLength).to.equal(32000);
  });

  it('counts down every second from the snapshot time', async () => {
    const clock = new FakeClock(NOW);
    const element = await form(wrappingUp, clock);
    clock.advance(1_000);
    await element.updateComplete;
    expect(shownText(getByRole(element, 'timer'))).to.equal('Wrap up ends in 0:44');
    clock.advance(50_000);
    await element.updateComplete;
    expect(shownText(getByRole(element, 'timer'))).to.equal('Wrap up ends in 0:00');
  });

  it('sends Done with the disposition and notes the agent entered', async () => {
    const element = await form(wrappingUp);
    const fired = recordIntents(element);
    pick(element, 'Follow-up scheduled');
    type(element, 'Wants a quote for 3 units. Call back Tuesday.');
    getByRole(element, 'button', { name: 'Done' }).click();
    expect(fired.intents.at(-1)).to.deep.equal({
      type: 'wrap-up-done',
      interactionId: 'ci-09c4d7e2',
      disposition: 'Follow-up scheduled',
      notes: 'Wants a quote for 3 units. Call back Tuesday.',
    });
  });

  it('allows Done without a disposition', async () => {
    const element = await form(wrappingUp);
    const fired = recordIntents(element);
    getByRole(element, 'button', { name: 'Done' }).click();
    expect(fired.intents).to.deep.equal([{ type: 'wrap-up-done', interactionId: 'ci-09c4d7e2', disposition: '', notes: '' }]);
  });

  it('hands each edit to the controller as a draft, so a wrap-up timeout loses nothing', async () => {
    const element = await form(wrappingUp);
    const fired = recordIntents(element);
    pick(element, 'Sale');
    type(element, 'Paid by card');
    expect(fired.intents).to.deep.equal([
      { type: 'wrap-up-draft', interactionId: 'ci-09c4d7e2', disposition: 'Sale', notes: '' },
      { type: 'wrap-up-draft', interactionId: 'ci-09c4d7e2', disposition: 'Sale', notes: 'Paid by card' },
    ]);
  });

  it('keeps what the agent typed when a new snapshot of the same interaction arrives', async () => {
    const clock = new FakeClock(NOW);
    const element = await form(wrappingUp, clock);
    pick(element, 'Sale');
    type(element, 'Half-typed no');
    // The controller's copy of the draft lags behind the keyboard.
    element.view = { ...wrappingUp, log: 'retrying', interaction: { ...wrappingUp.interaction, disposition: 'Sale', notes: 'Half-typ' } };
    await element.updateComplete;
    clock.advance(1_000);
    await element.updateComplete;
    expect(notes(element).value).to.equal('Half-typed no');
    expect(disposition(element).value).to.equal('Sale');
  });

  it('keeps a draft per interaction when the agent switches between wrap ups', async () => {
    const other = view({ id: 'ci-other', callerName: 'Dan Wu', state: 'wrap-up', releasedAt: NOW - 1_000 }, { wrapUpEndsAt: NOW + 59_000 });
    const element = await form(wrappingUp);
    type(element, 'Notes for Carla');
    element.view = other;
    await element.updateComplete;
    expect(notes(element).value).to.equal('');
    expect(getByRole(element, 'form', { name: 'Wrap up: Dan Wu' })).to.exist;
    type(element, 'Notes for Dan');
    element.view = wrappingUp;
    await element.updateComplete;
    expect(notes(element).value).to.equal('Notes for Carla');
  });

  it('starts from the disposition and notes the store already holds', async () => {
    const element = await form({ ...wrappingUp, interaction: { ...wrappingUp.interaction, disposition: 'Sale', notes: 'Saved earlier' } });
    expect(disposition(element).value).to.equal('Sale');
    expect(notes(element).value).to.equal('Saved earlier');
  });

  it('renders nothing without an interaction in wrap up', async () => {
    const element = await form(undefined);
    expect(shownText(element)).to.equal('');
  });
});
