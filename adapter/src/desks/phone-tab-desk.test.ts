/**
 * The phone-tab desk: two pages of one agent (two sets of desks in this one browser page, each
 * with a stand-in phone and the real election: Web Locks and BroadcastChannel are the browser's,
 * shared by every page of the origin), and a page that goes during a call (the real wrap-up desk
 * and crm room on a fake org: its drafts in the outbox, the Task in the org after the reload).
 */
import { expect } from '@open-wc/testing';
import { PhoneTabLock } from '../host/phone-tab-lock.ts';
import { PAGE_LEFT } from '../model/phone-tab.ts';
import { callOffer, crmOnFakeOrg, loadedTestDesks, RecordingPhone, testDesks, type CrmStorage } from '../../test-support/desk-rig.ts';
import { taskFor, tasksFor } from '../../test-support/fake-org.ts';
import { waitFor } from '../../test-support/wait-for.ts';

/** One page of the agent: its desks, its phone, its election. */
function page(lockName: string) {
  const desks = testDesks();
  const phone = new RecordingPhone();
  desks.rooms.phone = phone;
  const lock = new PhoneTabLock({ name: lockName, listener: { phoneTab: (event, problem) => desks.phoneTab.event(event, problem) } });
  return { ...desks, phone, lock };
}

type Page = ReturnType<typeof page>;

const codes = (p: Page) => p.store.snapshot.notices.map((n) => n.code);

describe('the phone-tab desk', () => {
  describe('two pages of one agent', () => {
    let pages: Page[] = [];
    let run = 0;

    /** Two pages, the first with the phone, both with the agent Ready. */
    async function twoPages(): Promise<[Page, Page]> {
      const name = `contactpad-phone-desk-${Date.now()}-${++run}`;
      const first = page(name);
      const second = page(name);
      pages.push(first, second);
      first.phoneTab.attach(first.lock);
      await waitFor('the first page to get the phone', () => first.store.snapshot.phoneTab === 'active-here');
      second.phoneTab.attach(second.lock);
      await waitFor('the second page to hear it is elsewhere', () => second.store.snapshot.phoneTab === 'active-elsewhere');
      first.agent.choose({ status: 'ready' });
      second.agent.choose({ status: 'ready' });
      return [first, second];
    }

    afterEach(() => {
      for (const p of pages) p.lock.close();
      pages = [];
    });

    it('only the page with the phone registers it: the other, Ready too, keeps its phone off', async () => {
      const [first, second] = await twoPages();
      expect(first.phone.asked).to.deep.equal(['start']);
      expect(second.phone.asked).to.deep.equal([]);
      expect(second.store.snapshot.phone.state).to.equal('stopped');
      expect(second.phoneTab.here).to.equal(false);
    });

    it('waits for the election before starting the phone of an agent already Ready (a reload)', async () => {
      const alone = page(`contactpad-phone-desk-alone-${Date.now()}`);
      pages.push(alone);
      alone.phoneTab.attach(alone.lock);
      alone.agent.choose({ status: 'ready' });
      expect(alone.store.snapshot.phoneTab).to.equal('electing');
      expect(alone.phone.asked).to.deep.equal([]);
      await waitFor('the phone to start', () => alone.phone.asked.includes('start'));
      expect(alone.store.snapshot.phoneTab).to.equal('active-here');
    });

    it('"Use the phone here": the page with the phone stops it (unregisters) before the other starts its own', async () => {
      const [first, second] = await twoPages();
      second.phoneTab.takeOver();
      expect(second.store.snapshot.phoneTab).to.equal('taking-over');
      await waitFor('the second page to get the phone', () => second.store.snapshot.phoneTab === 'active-here');
      expect(first.phone.asked).to.deep.equal(['start', 'stop']);
      expect(second.phone.asked).to.deep.equal(['start']);
      await waitFor('the first page to say the phone is elsewhere', () => first.store.snapshot.phoneTab === 'active-elsewhere');
      expect(first.store.snapshot.phone.state).to.equal('stopped');

      // And back: the first page takes it again.
      first.phoneTab.takeOver();
      await waitFor('the first page to get it back', () => first.store.snapshot.phoneTab === 'active-here');
      expect(first.phone.asked).to.deep.equal(['start', 'stop', 'start']);
      expect(second.phone.asked).to.deep.equal(['start', 'stop']);
    });

    for (const [what, live] of [
      ['rings', (p: Page) => p.voice.incoming(callOffer('c-ring'))],
      ['is up', (p: Page) => {
        p.voice.incoming(callOffer('c-up'));
        p.voice.connected('c-up');
      }],
    ] as const) {
      it(`refuses to hand the phone over while a call ${what} there, and says so in the page that asked`, async () => {
        const [first, second] = await twoPages();
        live(first);
        second.phoneTab.takeOver();
        await waitFor('the refusal', () => second.store.snapshot.phoneTab === 'active-elsewhere');
        expect(codes(second)).to.deep.equal(['PHONE_TAKE_OVER_REFUSED']);
        expect(first.phone.asked, 'the call goes on').to.deep.equal(['start']);
        expect(first.store.snapshot.phoneTab).to.equal('active-here');
        expect(second.phone.asked).to.deep.equal([]);
      });
    }

    it('hands the phone over on its own when the page with it closes (or crashes): the browser releases its lock', async () => {
      const [first, second] = await twoPages();
      first.lock.close();
      await waitFor('the second page to get the phone', () => second.store.snapshot.phoneTab === 'active-here');
      expect(second.phone.asked).to.deep.equal(['start']);
    });

    it('a page that gets the phone later hears it (its calls left by a closed page are restored then)', async () => {
      const [first, second] = await twoPages();
      let got = 0;
      second.phoneTab.onPhoneHere(() => (got += 1));
      first.lock.close();
      await waitFor('the second page to get the phone', () => got === 1);
    });
  });

  describe('a page that goes during a call (a reload, a closed tab)', () => {
    async function floor(reload?: CrmStorage) {
      const desks = await loadedTestDesks({ '/ContactPad/wrapUpSeconds': '30' });
      const { crm, orgId, storage } = await crmOnFakeOrg(desks, reload ? { reload } : {});
      const phone = new RecordingPhone();
      desks.rooms.crm = crm;
      desks.rooms.phone = phone;
      desks.agent.choose({ status: 'ready' });
      return { ...desks, crm, orgId, storage, phone };
    }

    /** A call from Maria Lopez, answered and kept durable as the switchboard keeps it (wrap-up desk keepLive). */
    async function answered(desks: Awaited<ReturnType<typeof floor>>, id: string): Promise<void> {
      desks.voice.incoming(callOffer(id));
      desks.voice.connected(id);
      desks.wrapUp.keepLive(id);
      await waitFor('the live draft', async () => (await desks.crm.wrapUpDrafts()).some((d) => d.interaction.id === id));
    }

    const uniqueId = () => `it-${Math.random().toString(36).slice(2, 10)}`;

    it('hangs up and unregisters at once, puts the call in wrap up saying why, and the page after the reload logs exactly one Task', async () => {
      const before = await floor();
      const id = uniqueId();
      const ringing = uniqueId();
      await answered(before, id);
      before.voice.incoming(callOffer(ringing, { callerName: 'Dan Roe' }));

      before.phoneTab.leaving();
      expect(before.phone.asked.at(-1)).to.equal('leave');
      expect(before.view.interaction(id)?.state).to.equal('wrap-up');
      expect(before.view.interaction(id)?.journey.at(-1)).to.include({ kind: 'released', detail: PAGE_LEFT });
      await waitFor('the wrap-up draft', async () => (await before.crm.wrapUpDrafts()).some((d) => d.interaction.id === id && d.interaction.state === 'wrap-up'));
      expect((await before.crm.wrapUpDrafts()).map((d) => d.interaction.id), 'the ringing call is not kept').to.deep.equal([id]);

      const after = await floor(before.storage);
      await after.wrapUp.restore(true);
      expect(after.view.interaction(id)).to.include({ state: 'wrap-up' });
      after.clock.advance(30_000);
      const task = await taskFor(after.orgId, id);
      expect(String(task['Description'])).to.contain(PAGE_LEFT);
      expect(await tasksFor(after.orgId, id)).to.have.length(1);
      expect(await tasksFor(after.orgId, ringing)).to.have.length(0);
    });

    it('a page gone without a word (a crash): the live draft brings the call back in wrap up in the page with the phone only, logged once', async () => {
      const before = await floor();
      const id = uniqueId();
      await answered(before, id);

      const other = await floor(before.storage);
      await other.wrapUp.restore(false);
      expect(other.view.has(id), 'a page without the phone leaves the call alone').to.equal(false);

      const withPhone = await floor(before.storage);
      await withPhone.wrapUp.restore(true);
      await withPhone.wrapUp.restore(true);
      expect(withPhone.store.snapshot.interactions.filter((v) => v.interaction.id === id)).to.have.length(1);
      expect(withPhone.view.interaction(id)?.journey.at(-1)).to.include({ kind: 'released', detail: PAGE_LEFT });
      expect(withPhone.store.snapshot.agent.status).to.equal('wrap-up');
      withPhone.clock.advance(30_000);
      await taskFor(withPhone.orgId, id);
      expect(await tasksFor(withPhone.orgId, id)).to.have.length(1);
      await waitFor('the draft to go with the Task', async () => (await withPhone.crm.wrapUpDrafts()).every((d) => d.interaction.id !== id));
    });

    it('a call released as usual leaves no live draft behind: nothing comes back after a reload', async () => {
      const before = await floor();
      const id = uniqueId();
      await answered(before, id);
      before.voice.ended(id, { reason: 'remote-hangup' });
      before.wrapUp.finish(id, {}, 'done');
      await taskFor(before.orgId, id);
      await waitFor('the drafts to be gone', async () => (await before.crm.wrapUpDrafts()).every((d) => d.interaction.id !== id));
      const after = await floor(before.storage);
      await after.wrapUp.restore(true);
      expect(after.view.has(id)).to.equal(false);
      expect(await tasksFor(after.orgId, id)).to.have.length(1);
    });
  });
});
