import { expect, fixture, html } from '@open-wc/testing';
import './cp-interaction-detail.ts';
import type { CpInteractionDetail } from './cp-interaction-detail.ts';
import type { InteractionView } from '../../adapter/src/store.ts';
import { FakeClock } from '../../adapter/test-support/fake-clock.ts';
import { HOSTILE_TEXT, NOW, annLead, connected, lookup, recentJourney, sharedNumberMatches, view, wrappingUp } from '../test-support/snapshots.ts';
import { deepQueryAll, findByRole, getByRole, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';
import { afterFirstPaint } from '../test-support/first-paint.ts';

async function detail(callView: InteractionView | undefined): Promise<CpInteractionDetail> {
  const element = await fixture<CpInteractionDetail>(html`<cp-interaction-detail .view=${callView} .clock=${new FakeClock(NOW)}></cp-interaction-detail>`);
  return afterFirstPaint(element);
}

const bobConnected = (caller: InteractionView['caller']): InteractionView => ({ ...connected, caller });

describe('<cp-interaction-detail>', () => {
  it('shows the connected caller with every label and why this record, as the call pop did', async () => {
    const element = await detail(bobConnected(lookup({ labels: ['Lead', 'Customer'], matches: [{ ...annLead, name: 'Bob Jones' }, sharedNumberMatches[0]!] })));
    const region = getByRole(element, 'region', { name: 'Caller: Bob Jones' });
    expect(shownText(region)).to.equal('Bob Jones Lead Customer Why this record');
    element.shadowRoot!.querySelector('cp-why-record')!.shadowRoot!.querySelector('summary')!.click();
    expect(shownText(region)).to.equal('Bob Jones Lead Customer Why this record Lead · matched Mobile phone (rule: Open leads)');
  });

  it('keeps the picker at hand once connected, and fires pick-record for this interaction', async () => {
    const element = await detail(bobConnected(lookup({ labels: ['Customer'], matches: sharedNumberMatches, pick: sharedNumberMatches })));
    const listbox = await findByRole(element, 'listbox', { name: 'Which record is the caller?' });
    expect(queryAllByRole(listbox, 'option')).to.have.length(3);
    const fired = recordIntents(element);
    queryAllByRole(listbox, 'option')[1]!.click();
    expect(fired.intents).to.deep.equal([{ type: 'pick-record', interactionId: 'ci-5512be07', recordId: '0035e00000XyZaBCDF' }]);
  });

  it('shows the journey during wrap up, each entry opening its Task', async () => {
    const element = await detail({ ...wrappingUp, caller: lookup({ labels: ['Previous Customer'], matches: [], journey: recentJourney }) });
    const journey = await findByRole(element, 'list', { name: 'Recent interactions' });
    expect(queryAllByRole(journey, 'listitem').map(shownText)).to.deep.equal([
      'Callback Maria Lopez · Ended 1 day ago',
      'Chat Sam Lee · Transferring 3 days ago',
      'Voice call Failed 40 days ago',
    ]);
    const fired = recordIntents(element);
    queryAllByRole(journey, 'button')[2]!.click();
    expect(fired.intents).to.deep.equal([{ type: 'open-record', recordId: '00T5e00000TaSk0003' }]);
  });

  it('shows the controls of a call under way (timer, Mute, Keypad) on the call, once it offers them', async () => {
    const element = await detail({ ...bobConnected(lookup({ labels: ['Customer'], matches: [] })), actions: ['release', 'hold', 'mute', 'send-dtmf'] });
    const controls = await findByRole(element, 'group', { name: 'Call controls' });
    expect(getByRole(controls, 'timer').textContent).to.equal('02:05');
    expect(getByRole(controls, 'button', { name: 'Mute' }).getAttribute('aria-pressed')).to.equal('false');
    expect(getByRole(controls, 'button', { name: 'Keypad' })).to.exist;
    expect(deepQueryAll(await detail(wrappingUp), 'cp-call-controls'), 'none in wrap up').to.have.length(0);
  });

  it('shows the call\'s recording and the voicemail drop on the call when the store offers them, loaded on first use', async () => {
    const offered = {
      ...bobConnected(lookup({ labels: ['Customer'], matches: [] })),
      recording: { state: 'recording', commands: ['pause', 'stop'] },
      voicemailDrop: { messages: [{ id: 'Call_Us_Back', label: 'Please call us back' }] },
    } satisfies InteractionView;
    const element = await detail(offered);
    const recording = await findByRole(element, 'group', { name: 'Call recording' });
    expect(shownText(recording)).to.equal('Recording Pause recording Stop recording');
    const drop = await findByRole(element, 'group', { name: 'Voicemail drop' });
    expect(getByRole(drop, 'button', { name: 'Drop voicemail' })).to.exist;
    expect(deepQueryAll(await detail(bobConnected(lookup({ labels: ['Customer'], matches: [] }))), 'cp-call-recording, cp-voicemail-drop'), 'none when not offered').to.have.length(0);
  });

  it('shows no empty journey, picker or explanation for an unknown caller', async () => {
    const element = await detail(bobConnected(lookup({ labels: ['Unknown'], matches: [] })));
    expect(shownText(element)).to.equal('Bob Jones Unknown');
    expect(deepQueryAll(element, 'cp-journey, cp-record-picker, cp-why-record')).to.have.length(0);
  });

  it('says the lookup is running, or why it failed, as plain text (the call pop already alerted)', async () => {
    expect(shownText(await detail(bobConnected({ state: 'pending' })))).to.equal('Bob Jones Looking up caller…');
    const failed = await detail(bobConnected({ state: 'failed', code: 'CRM_UNAVAILABLE', message: 'Salesforce did not answer.' }));
    expect(shownText(failed)).to.equal('Bob Jones Salesforce did not answer.');
    expect(queryAllByRole(failed, 'alert')).to.have.length(0);
  });

  it('names the region by the number when the caller has no name, and renders names as text', async () => {
    const element = await detail(view({ state: 'connected', callerName: '', callerNumber: '555-0199' }));
    expect(getByRole(element, 'region', { name: 'Caller: 555-0199' })).to.exist;
    const hostile = await detail(view({ state: 'connected', callerName: HOSTILE_TEXT }));
    expect(getByRole(hostile, 'heading').textContent).to.equal(HOSTILE_TEXT);
    expect(deepQueryAll(hostile, 'img')).to.have.length(0);
  });

  it('renders nothing without an interaction', async () => {
    const element = await detail(undefined);
    expect(shownText(element)).to.equal('');
  });
});
