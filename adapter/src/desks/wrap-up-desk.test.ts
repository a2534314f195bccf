/**
 * The wrap-up desk alone, with the real model, the real crm room on a fake org (drafts in its
 * outbox, Tasks in the org) and the fake clock; the far side (a hang up, a close) is a function.
 */
import { expect } from '@open-wc/testing';
import { ContactPadError, isContactPadError } from '../model/errors.ts';
import type { Channel } from '../model/interaction.ts';
import { offerInteraction } from '../model/interaction-state.ts';
import { callFacts, restoredFacts, withNavigation, withPopSettled, type InteractionFacts } from '../model/interaction-facts.ts';
import { consultFacts } from '../model/handover-facts.ts';
import { withWorkLinks, workFacts } from '../model/work-item-facts.ts';
import { fakeOrg, taskFor } from '../../test-support/fake-org.ts';
import { waitFor } from '../../test-support/wait-for.ts';
import { taskLinks } from './wrap-up-desk.ts';
import { crmOnFakeOrg, loadedTestDesks, type CrmStorage } from '../../test-support/desk-rig.ts';

const LEAD = '00Q000000000001AAA';
const CONTACT = '003000000000001AAA';
const ACCOUNT = '001000000000001AAA';
const CASE = '500000000000001AAA';
const SESSION = '0Mw000000000001AAA';
const REPORT = '00O000000000001AAA';

async function floor(items: Record<string, string> = {}, reload?: CrmStorage) {
  const desks = await loadedTestDesks({ '/ContactPad/wrapUpSeconds': '30', ...items });
  const { crm, orgId, storage } = await crmOnFakeOrg(desks, reload ? { reload } : {});
  desks.rooms.crm = crm;
  desks.agent.choose({ status: 'ready' });
  return { ...desks, crm, orgId, storage };
}

type Floor = Awaited<ReturnType<typeof floor>>;

/** An answered interaction with these facts (the agent Busy). */
function answered(desks: Floor, id: string, facts: InteractionFacts = callFacts(), channel: Channel = 'voice'): void {
  desks.view.add(offerInteraction({ id, channel, direction: 'inbound', callerNumber: '+14155550100' }, desks.clock.now()), facts);
  desks.view.move(id, 'connected');
  desks.agent.workStarted(id);
}

function uniqueId(): string {
  return `it-${Math.random().toString(36).slice(2, 10)}`;
}

describe('the wrap-up desk', () => {
  describe('the Task\'s links', () => {
    const popped = (recordId: string, objectType: string, accountId?: string) =>
      withPopSettled(callFacts(), { recordId, objectType, ...(accountId ? { accountId } : {}) });
    const navigatedTo = (facts: InteractionFacts, recordId: string, accountId?: string) => {
      const call = offerInteraction({ id: 'c', channel: 'voice', direction: 'inbound' }, 0);
      return withNavigation(facts, { ...call, state: 'connected' }, { recordId, ...(accountId ? { accountId } : {}) });
    };

    it('a call links to the popped record, a Contact with its Account as WhatId', () => {
      expect(taskLinks(popped(LEAD, 'Lead'))).to.deep.equal({ whoId: LEAD });
      expect(taskLinks(popped(CONTACT, 'Contact', ACCOUNT))).to.deep.equal({ whoId: CONTACT, whatId: ACCOUNT });
      expect(taskLinks(popped(CASE, 'Case'))).to.deep.equal({ whatId: CASE });
      expect(taskLinks(callFacts())).to.deep.equal({});
    });

    it('a call links to the record the agent opened during it, unless a Task cannot link to that one (a report)', () => {
      expect(taskLinks(navigatedTo(popped(LEAD, 'Lead'), CONTACT, ACCOUNT))).to.deep.equal({ whoId: CONTACT, whatId: ACCOUNT });
      expect(taskLinks(navigatedTo(popped(LEAD, 'Lead'), REPORT))).to.deep.equal({ whoId: LEAD });
    });

    it('a wrap up restored after a reload keeps its draft\'s links (the opened record still wins)', () => {
      expect(taskLinks(restoredFacts({ whoId: LEAD, workItemId: SESSION }))).to.deep.equal({ whoId: LEAD, workItemId: SESSION });
      expect(taskLinks(navigatedTo(restoredFacts({ whoId: LEAD }), CASE))).to.deep.equal({ whatId: CASE });
    });

    it('a work item links to what its record names and keeps the routed record\'s id', () => {
      const work = workFacts({ workId: 'w1', workItemId: SESSION }, { objectType: 'MessagingSession' });
      expect(taskLinks(work)).to.deep.equal({ workItemId: SESSION });
      expect(taskLinks(withWorkLinks(work, { whoId: CONTACT, whatId: CASE }))).to.deep.equal({ whoId: CONTACT, whatId: CASE, workItemId: SESSION });
    });
  });

  it('release: wrap up starts with its clock and a durable draft; Done logs the Task with the disposition and frees the agent', async () => {
    const desks = await floor();
    const id = uniqueId();
    const lead = String((await fakeOrg.records(desks.orgId, 'Lead')).find((l) => l['LastName'] === 'Lopez')?.['Id']);
    answered(desks, id, withPopSettled(callFacts(), { recordId: lead, objectType: 'Lead' }));
    let hungUp = 0;
    await desks.wrapUp.release(id, async () => (hungUp += 1));
    expect(hungUp).to.equal(1);
    expect(desks.view.stateOf(id)).to.equal('wrap-up');
    expect(desks.store.snapshot.agent.status).to.equal('wrap-up');
    desks.wrapUp.draft(id, { disposition: 'Resolved', notes: 'Wants a quote' });
    await waitFor('the draft', async () => (await desks.crm.wrapUpDrafts()).some((d) => d.interaction.notes === 'Wants a quote'));

    desks.wrapUp.finish(id, { disposition: 'Resolved', notes: 'Wants a quote' }, 'done');
    expect(desks.view.stateOf(id)).to.equal('ended');
    expect(desks.view.view(id)?.wrapUpEndsAt).to.equal(undefined);
    expect(desks.store.snapshot.agent.status).to.equal('ready');
    expect(desks.clock.pending, 'no clock left').to.deep.equal([]);
    expect(await taskFor(desks.orgId, id)).to.include({ CallDisposition: 'Resolved', WhoId: lead });
  });

  it('a release that fails is remembered (a chat may then be abandoned) and no wrap up starts', async () => {
    const desks = await floor();
    const id = uniqueId();
    answered(desks, id, callFacts(), 'chat');
    const failure = await desks.wrapUp.release(id, () => Promise.reject(new ContactPadError('CONSOLE_BRIDGE_MISSING', 'off'))).catch((error: unknown) => error);
    expect(isContactPadError(failure, 'CONSOLE_BRIDGE_MISSING')).to.equal(true);
    expect(desks.view.stateOf(id)).to.equal('connected');
    expect(desks.view.facts(id)?.releaseFailed).to.equal(true);
    expect(desks.view.view(id)?.actions).to.include('abandon');
  });

  it('when the wrap-up clock runs out, the draft is logged as it stands', async () => {
    const desks = await floor();
    const id = uniqueId();
    answered(desks, id);
    desks.wrapUp.enter(id, 'remote-hangup');
    desks.wrapUp.draft(id, { disposition: 'Follow-up needed', notes: 'Call back' });
    desks.clock.advance(29_999);
    expect(desks.view.stateOf(id)).to.equal('wrap-up');
    desks.clock.advance(1);
    expect(desks.view.stateOf(id)).to.equal('ended');
    expect(await taskFor(desks.orgId, id)).to.include({ CallDisposition: 'Follow-up needed' });
  });

  it('with requireDisposition, neither Done nor the clock ends wrap up without a disposition; the clock\'s end then goes', async () => {
    const desks = await floor({ '/ContactPad/requireDisposition': 'true' });
    const id = uniqueId();
    answered(desks, id);
    desks.wrapUp.enter(id, 'released');
    const refused = (() => {
      try {
        desks.wrapUp.finish(id, { disposition: ' ', notes: '' }, 'done');
      } catch (error) {
        return isContactPadError(error) ? error.code : String(error);
      }
      return 'ended';
    })();
    expect(refused).to.equal('DISPOSITION_REQUIRED');
    desks.clock.advance(30_000);
    expect(desks.view.stateOf(id)).to.equal('wrap-up');
    expect(desks.view.view(id)?.wrapUpEndsAt).to.equal(undefined);
    expect(desks.store.snapshot.notices.map((n) => n.code)).to.deep.equal(['DISPOSITION_REQUIRED']);
    desks.wrapUp.finish(id, { disposition: 'Resolved', notes: '' }, 'done');
    expect(desks.view.stateOf(id)).to.equal('ended');
  });

  it('a consult call has no wrap up of its own: it ends at once and is logged', async () => {
    const desks = await floor();
    answered(desks, 'about');
    const consult = uniqueId();
    answered(desks, consult, consultFacts('about'));
    desks.wrapUp.enter(consult, 'released');
    expect(desks.view.stateOf(consult)).to.equal('ended');
    expect(desks.store.snapshot.agent.status, 'the interaction it was about goes on').to.equal('busy');
    await taskFor(desks.orgId, consult);
  });

  it('abandon ends the interaction at once, tells the far side without waiting for it, logs it and frees the agent', async () => {
    const desks = await floor();
    const id = uniqueId();
    answered(desks, id, callFacts(), 'case');
    let told = 0;
    desks.wrapUp.abandon(id, () => {
      told += 1;
      return new Promise(() => {});
    });
    expect(told).to.equal(1);
    expect(desks.view.stateOf(id)).to.equal('abandoned');
    expect(desks.store.snapshot.agent.status).to.equal('ready');
    expect(String((await taskFor(desks.orgId, id))['Description'])).to.contain('abandoned by the agent');
  });

  it('hands an interaction over: logged as transferred to whom, off the list, the agent free; only while in progress', async () => {
    const desks = await floor();
    const id = uniqueId();
    answered(desks, id);
    desks.wrapUp.handedOver(id, 'Billing Support');
    expect(desks.view.has(id)).to.equal(false);
    expect(desks.store.snapshot.agent.status).to.equal('ready');
    expect(String((await taskFor(desks.orgId, id))['Description'])).to.contain('Billing Support');
    desks.wrapUp.handedOver(id, 'again');
  });

  it('links a call\'s Task to the record the agent opened during it; a chat keeps its own', async () => {
    const desks = await floor();
    const call = uniqueId();
    answered(desks, call);
    const chat = uniqueId();
    answered(desks, chat, workFacts({ workId: chat, workItemId: SESSION }, { objectType: 'MessagingSession' }), 'chat');
    const contact = (await fakeOrg.records(desks.orgId, 'Contact')).find((c) => c['LastName'] === 'Kim')!;
    desks.view.navigated({ url: '/x', recordId: String(contact['Id']), recordName: 'Daniel Kim', objectType: 'Contact', accountId: String(contact['AccountId']) });
    expect(desks.view.facts(call)?.navigated).to.deep.equal({ recordId: contact['Id'], accountId: contact['AccountId'] });
    expect(desks.view.facts(chat)?.navigated).to.equal(undefined);
    desks.wrapUp.enter(call, 'released');
    desks.wrapUp.finish(call, {}, 'done');
    expect(await taskFor(desks.orgId, call)).to.include({ WhoId: contact['Id'], WhatId: contact['AccountId'] });
  });

  it('tells its listeners each wrap up that ended (and was logged)', async () => {
    const desks = await floor();
    const heard: string[] = [];
    desks.wrapUp.onWrappedUp((id) => heard.push(id));
    const id = uniqueId();
    answered(desks, id);
    desks.wrapUp.enter(id, 'released');
    desks.wrapUp.finish(id, {}, 'done');
    expect(heard).to.deep.equal([id]);
  });

  it('after a reload, an interaction left in wrap up comes back with its draft, its links and a fresh clock; logged once', async () => {
    const before = await floor();
    const id = uniqueId();
    const lead = String((await fakeOrg.records(before.orgId, 'Lead')).find((l) => l['LastName'] === 'Lopez')?.['Id']);
    answered(before, id, withPopSettled(callFacts(), { recordId: lead, objectType: 'Lead' }));
    before.wrapUp.enter(id, 'released');
    before.wrapUp.draft(id, { disposition: 'Resolved', notes: 'Call back Friday' });
    await waitFor('the draft', async () => (await before.crm.wrapUpDrafts()).some((d) => d.interaction.notes === 'Call back Friday'));

    const after = await floor({}, before.storage);
    await after.wrapUp.restore();
    await after.wrapUp.restore();
    expect(after.store.snapshot.interactions.filter((v) => v.interaction.id === id)).to.have.length(1);
    expect(after.view.interaction(id)).to.include({ state: 'wrap-up', disposition: 'Resolved', notes: 'Call back Friday' });
    expect(after.view.facts(id)?.restoredLinks).to.deep.include({ whoId: lead });
    expect(after.view.view(id)?.wrapUpEndsAt).to.equal(after.clock.now() + 30_000);
    expect(after.store.snapshot.agent.status, 'not offered calls meanwhile').to.equal('wrap-up');
    after.clock.advance(30_000);
    expect(await taskFor(after.orgId, id)).to.include({ CallDisposition: 'Resolved', WhoId: lead });
  });
});
