import { expect } from '@open-wc/testing';
import { isContactPadError } from './errors.ts';
import type { Interaction, InteractionState } from './interaction.ts';
import { offerInteraction, transitionInteraction } from './interaction-state.ts';
import {
  callFacts,
  restoredFacts,
  tabRecordOf,
  withNavigation,
  withPick,
  withPopSettled,
  withReleaseFailed,
  withRememberedPick,
  withRepop,
  type InteractionFacts,
} from './interaction-facts.ts';
import { consultFacts, withTransferTo } from './handover-facts.ts';
import { withTabClosed, withTabOpen } from './tab-facts.ts';
import { withAcceptedByAgent, withWorkLinks, workFacts } from './work-item-facts.ts';
import { thrown } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const T0 = Date.UTC(2026, 10, 22, 10, 2, 3);
const LEAD = '00Q000000000001AAA';
const CONTACT = '003000000000001AAA';
const ACCOUNT = '001000000000001AAA';
const CASE = '500000000000001AAA';
const SESSION = '0Mw000000000001AAA';

/** A call moved through `path` (from alerting). */
function callIn(...path: InteractionState[]): Interaction {
  let interaction = offerInteraction({ id: 'call-1', channel: 'voice', direction: 'inbound', callerNumber: '+14155550100' }, T0);
  for (const state of path) interaction = transitionInteraction(interaction, state, T0 + 1000);
  return interaction;
}

function codeOf(action: () => unknown): string | undefined {
  const error = thrown(action);
  return isContactPadError(error) ? error.code : undefined;
}

const WORK = workFacts({ workId: '0Bz000000000001AAA', workItemId: SESSION }, { objectType: 'MessagingSession' });

describe('interaction facts', () => {
  it('start empty for a call: nothing popped, picked, navigated or failed, and frozen', () => {
    const facts = callFacts();
    expect(facts).to.deep.equal({ acceptedByAgent: false, releaseFailed: false, popSettled: false });
    expect(Object.isFrozen(facts)).to.equal(true);
    expect(tabRecordOf(facts)).to.equal(undefined);
  });

  it('of a work item: its routed record is popped (the tab\'s record), so no screen pop runs; a work item needs both ids', () => {
    expect(WORK.work).to.deep.equal({ workId: '0Bz000000000001AAA', workItemId: SESSION });
    expect(WORK).to.include({ popSettled: true, acceptedByAgent: false });
    expect(tabRecordOf(WORK)).to.equal(SESSION);
    expect(Object.isFrozen(WORK.work)).to.equal(true);
    expect(codeOf(() => workFacts({ workId: '', workItemId: SESSION }, { objectType: 'MessagingSession' }))).to.equal('INVALID_INTERACTION');
    expect(codeOf(() => withPopSettled(WORK))).to.equal('INVALID_TRANSITION');
  });

  it('of a wrap up restored after a reload: its draft\'s links (the work item id with them), nothing to pop', () => {
    const facts = restoredFacts({ whoId: LEAD, workItemId: SESSION });
    expect(facts).to.deep.include({ popSettled: true, restoredLinks: { whoId: LEAD, workItemId: SESSION } });
    expect(facts.work).to.equal(undefined);
    expect(restoredFacts(undefined).restoredLinks).to.equal(undefined);
  });

  it('of a consult call: the interaction it is about, which must be named', () => {
    expect(consultFacts('call-1').consultFor).to.equal('call-1');
    expect(codeOf(() => consultFacts(' '))).to.equal('INVALID_INTERACTION');
  });

  it('record a failed release only while the interaction is connected or held, once', () => {
    const connected = withReleaseFailed(callFacts(), callIn('connected'));
    expect(connected.releaseFailed).to.equal(true);
    expect(withReleaseFailed(connected, callIn('connected'))).to.equal(connected);
    expect(withReleaseFailed(callFacts(), callIn('connected', 'held')).releaseFailed).to.equal(true);
    for (const path of [[], ['connected', 'wrap-up'], ['connected', 'wrap-up', 'ended'], ['rejected']] as InteractionState[][]) {
      expect(codeOf(() => withReleaseFailed(callFacts(), callIn(...path))), path.join('>') || 'alerting').to.equal('INVALID_TRANSITION');
    }
  });

  it('settle the screen pop once, with the record it opened and that record\'s Account; the tab\'s record follows', () => {
    const popped = withPopSettled(callFacts(), { recordId: CONTACT, objectType: 'Contact', accountId: ACCOUNT });
    expect(popped).to.deep.include({ popSettled: true, popped: { recordId: CONTACT, objectType: 'Contact', accountId: ACCOUNT } });
    expect(tabRecordOf(popped)).to.equal(CONTACT);
    const searched = withPopSettled(callFacts());
    expect(searched.popSettled).to.equal(true);
    expect(searched.popped).to.equal(undefined);
    expect(codeOf(() => withPopSettled(popped))).to.equal('INVALID_TRANSITION');
  });

  it('keep the agent\'s pick over the remembered one, and the remembered one only when nothing was picked', () => {
    expect(withRememberedPick(callFacts(), LEAD).pickedId).to.equal(LEAD);
    expect(withRememberedPick(callFacts(), undefined)).to.equal(callFacts());
    const picked = withPick(callFacts(), CONTACT);
    expect(withRememberedPick(picked, LEAD).pickedId).to.equal(CONTACT);
    expect(withPick(picked, CONTACT)).to.equal(picked);
    expect(codeOf(() => withPick(callFacts(), ''))).to.equal('INVALID_INTERACTION');
  });

  it('pop the pick again only after the screen pop was decided, and only the record picked', () => {
    const picked = withPick(withPopSettled(callFacts()), CONTACT);
    const repopped = withRepop(picked, { recordId: CONTACT, objectType: 'Contact' });
    expect(repopped.popped).to.deep.equal({ recordId: CONTACT, objectType: 'Contact' });
    expect(codeOf(() => withRepop(withPick(callFacts(), CONTACT), { recordId: CONTACT, objectType: 'Contact' })), 'before the pop').to.equal('INVALID_TRANSITION');
    expect(codeOf(() => withRepop(picked, { recordId: LEAD, objectType: 'Lead' })), 'not the pick').to.equal('INVALID_TRANSITION');
  });

  it('remember the last record the agent opened during a call or its wrap up, not before or after, and never for work', () => {
    const page = { recordId: CONTACT, accountId: ACCOUNT };
    expect(withNavigation(callFacts(), callIn('connected'), page).navigated).to.deep.equal(page);
    expect(withNavigation(callFacts(), callIn('connected', 'held'), page).navigated).to.deep.equal(page);
    expect(withNavigation(callFacts(), callIn('connected', 'wrap-up'), page).navigated).to.deep.equal(page);
    const report = withNavigation(withNavigation(callFacts(), callIn('connected'), page), callIn('connected'), { recordId: '' });
    expect(report.navigated, 'a page without a record replaces it too').to.deep.equal({ recordId: '' });
    for (const path of [[], ['connected', 'wrap-up', 'ended']] as InteractionState[][]) {
      expect(withNavigation(callFacts(), callIn(...path), page)).to.equal(callFacts());
    }
    expect(withNavigation(WORK, callIn('connected'), page)).to.equal(WORK);
  });

  it('keep a work item\'s Task links and who accepted it, and refuse both for a call', () => {
    expect(withWorkLinks(WORK, { whoId: CONTACT, whatId: CASE }).workLinks).to.deep.equal({ whoId: CONTACT, whatId: CASE });
    expect(withAcceptedByAgent(WORK, true).acceptedByAgent).to.equal(true);
    expect(withAcceptedByAgent(WORK, false)).to.equal(WORK);
    expect(codeOf(() => withWorkLinks(callFacts(), {}))).to.equal('INVALID_INTERACTION');
    expect(codeOf(() => withAcceptedByAgent(callFacts(), true))).to.equal('INVALID_INTERACTION');
  });

  it('open and close the console tab of the interaction\'s record; no record, no tab', () => {
    const open = withTabOpen(WORK, 'ctab0');
    expect(open.tabId).to.equal('ctab0');
    expect(withTabOpen(open, 'ctab0')).to.equal(open);
    const closed = withTabClosed(open);
    expect(closed.tabId).to.equal(undefined);
    expect('tabId' in closed).to.equal(false);
    expect(withTabClosed(closed)).to.equal(closed);
    expect(codeOf(() => withTabOpen(callFacts(), 'ctab0'))).to.equal('INVALID_TRANSITION');
    expect(codeOf(() => withTabOpen(WORK, ''))).to.equal('INVALID_INTERACTION');
  });

  it('name where a call is transferred, only while it is connected or held, never for work (handed over at once)', () => {
    expect(withTransferTo(callFacts(), callIn('connected'), 'Jordan Lee').transferTo).to.equal('Jordan Lee');
    expect(withTransferTo(callFacts(), callIn('connected', 'held'), 'Jordan Lee').transferTo).to.equal('Jordan Lee');
    expect(codeOf(() => withTransferTo(callFacts(), callIn(), 'Jordan Lee'))).to.equal('INVALID_TRANSITION');
    expect(codeOf(() => withTransferTo(WORK, callIn('connected'), 'Billing'))).to.equal('INVALID_INTERACTION');
  });

  it('are never changed in place: every update is a new frozen value', () => {
    const before: InteractionFacts = callFacts();
    const after = withPopSettled(withPick(before, CONTACT), { recordId: CONTACT, objectType: 'Contact' });
    expect(before).to.deep.equal({ acceptedByAgent: false, releaseFailed: false, popSettled: false });
    expect(Object.isFrozen(after) && Object.isFrozen(after.popped)).to.equal(true);
  });
});
