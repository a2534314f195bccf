/**
 * The tabs desk alone, with the real model and desks, over stand-ins for the console bridge
 * (workspace tabs) and the host (Open CTI pops); the controller tests run the shipped bridge
 * over the local console's workspace.
 */
import { expect } from '@open-wc/testing';
import { ContactPadError } from '../model/errors.ts';
import { offerInteraction } from '../model/interaction-state.ts';
import { callFacts, withPopSettled } from '../model/interaction-facts.ts';
import { workFacts } from '../model/work-item-facts.ts';
import type { BridgeTab } from '../host/console-bridge-protocol.ts';
import { openConsoleDesks } from './console-desks.ts';
import { RecordingBridge, RecordingHost, loadedTestDesks } from '../../test-support/desk-rig.ts';

const CASE_18 = '500000000000001AAA';
const CASE_15 = '500000000000001';
const SESSION = '0Mw000000000001AAA';

async function floor(items: Record<string, string> = {}) {
  const desks = await loadedTestDesks(items);
  const bridge = new RecordingBridge();
  const host = new RecordingHost();
  Object.assign(desks.rooms, { bridge, host });
  desks.view.bridgeState('connected');
  return { ...desks, ...openConsoleDesks(desks), bridge, host };
}

type Floor = Awaited<ReturnType<typeof floor>>;

/** A connected work item on `recordId`. */
function work(desks: Floor, id: string, recordId: string): void {
  desks.view.add(offerInteraction({ id, channel: 'case', direction: 'inbound' }, desks.clock.now()), workFacts({ workId: id, workItemId: recordId }, { objectType: 'Case' }));
  desks.view.move(id, 'connected');
}

function tab(tabId: string, recordId: string, focused = false): BridgeTab {
  return { tabId, recordId, objectType: '', title: '', focused };
}

describe('the tabs desk', () => {
  it('links a console tab to the interaction of its record (15 or 18 characters), and selects it when the tab is focused', async () => {
    const desks = await floor();
    work(desks, 'a', CASE_18);
    work(desks, 'b', SESSION);
    expect(desks.view.view('a')?.recordTabOpen).to.equal(false);
    desks.tabs.shown(tab('ctab1', CASE_15), false);
    expect(desks.view.view('a')?.recordTabOpen).to.equal(true);
    expect(desks.store.snapshot.selectedId).to.equal('a');
    desks.tabs.shown(tab('ctab2', SESSION), true);
    expect(desks.store.snapshot.selectedId).to.equal('b');
    desks.tabs.shown(tab('ctab3', ''), true);
    expect(desks.store.snapshot.selectedId, 'a tab without a record').to.equal('b');
  });

  it('links the bridge\'s tabs when it says hello, without moving the selection', async () => {
    const desks = await floor();
    work(desks, 'a', CASE_18);
    work(desks, 'b', SESSION);
    desks.view.select('a');
    desks.tabs.hello([tab('ctab1', CASE_18), tab('ctab2', SESSION, true)]);
    expect([desks.view.view('a')?.recordTabOpen, desks.view.view('b')?.recordTabOpen]).to.deep.equal([true, true]);
    expect(desks.store.snapshot.selectedId).to.equal('a');
  });

  it('remembers a closed tab as closed', async () => {
    const desks = await floor();
    work(desks, 'a', CASE_18);
    desks.tabs.shown(tab('ctab1', CASE_18), false);
    desks.tabs.gone('ctab1');
    expect(desks.view.view('a')?.recordTabOpen).to.equal(false);
    expect(desks.view.facts('a')?.tabId).to.equal(undefined);
  });

  it('on selection focuses the interaction\'s tab, and opens it again when the agent closed it', async () => {
    const desks = await floor();
    work(desks, 'a', CASE_18);
    desks.tabs.shown(tab('ctab1', CASE_18), false);
    await desks.tabs.focus('a');
    expect(desks.bridge.asked).to.deep.equal(['focusTab ctab1']);
    desks.tabs.gone('ctab1');
    await desks.tabs.focus('a');
    expect(desks.bridge.asked.at(-1)).to.equal(`openRecordTab ${CASE_18} true`);
    expect(desks.view.view('a')?.recordTabOpen).to.equal(true);
  });

  it('opens the tab again when focusing it fails (it was closed meanwhile)', async () => {
    const desks = await floor();
    work(desks, 'a', CASE_18);
    desks.tabs.shown(tab('ctab1', CASE_18), false);
    desks.bridge.fail.set('focusTab', new Error('no such tab'));
    await desks.tabs.focus('a');
    expect(desks.bridge.asked).to.deep.equal(['focusTab ctab1', `openRecordTab ${CASE_18} true`]);
    expect(desks.view.facts('a')?.tabId).to.equal('ctab1');
  });

  it('leaves the tabs alone for an alerting interaction, one without a record, or without the bridge', async () => {
    const desks = await floor();
    desks.view.add(offerInteraction({ id: 'ringing', channel: 'case', direction: 'inbound' }, 0), workFacts({ workId: 'ringing', workItemId: CASE_18 }, { objectType: 'Case' }));
    desks.view.add(offerInteraction({ id: 'call', channel: 'voice', direction: 'inbound' }, 0), callFacts());
    await desks.tabs.focus('ringing');
    await desks.tabs.focus('call');
    desks.bridge.state = 'missing';
    work(desks, 'a', SESSION);
    await desks.tabs.focus('a');
    expect(desks.bridge.asked).to.deep.equal([]);
  });

  it('opens a popped call record\'s tab through the bridge, in front or behind', async () => {
    const desks = await floor();
    desks.view.add(offerInteraction({ id: 'call', channel: 'voice', direction: 'inbound' }, 0), withPopSettled(callFacts(), { recordId: CASE_18, objectType: 'Case' }));
    await desks.tabs.open('call', false);
    expect(desks.bridge.asked).to.deep.equal([`openRecordTab ${CASE_18} false`]);
    expect(desks.view.facts('call')?.tabId).to.equal('ctab1');
  });

  it('pops the record through Open CTI when the bridge offers no tabs, and tells a failure', async () => {
    const desks = await floor();
    desks.bridge.capabilities = ['omni'];
    work(desks, 'a', CASE_18);
    await desks.tabs.open('a');
    expect(desks.host.pops).to.deep.equal([`record ${CASE_18}`]);
    desks.bridge.capabilities = ['tabs'];
    desks.bridge.fail.set('openRecordTab', new ContactPadError('CONSOLE_BRIDGE_MISSING', 'gone'));
    await desks.tabs.open('a');
    expect(desks.store.snapshot.notices.map((n) => n.code)).to.deep.equal(['CONSOLE_BRIDGE_MISSING']);
  });

  it('closes the record\'s tab after wrap up when closeTabAfterWrapUp is on, and not when it is off', async () => {
    for (const setting of ['true', 'false']) {
      const desks = await floor({ '/ContactPad/closeTabAfterWrapUp': setting });
      work(desks, 'a', CASE_18);
      desks.tabs.shown(tab('ctab1', CASE_18), false);
      desks.wrapUp.enter('a', 'released');
      desks.wrapUp.finish('a', {}, 'done');
      expect(desks.bridge.asked.includes('closeTab ctab1'), setting).to.equal(setting === 'true');
    }
  });
});
