import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import type { Interaction } from '../model/interaction.ts';
import { activityFromInteraction } from './activity-log.ts';
import type { ActivityDraft } from './activity-outbox.ts';
import { fakeOrg, tasksFor } from '../../test-support/fake-org.ts';
import { rejectionOf } from '../../test-support/thrown.ts';
import { waitUntil } from '../../test-support/wait-for.ts';
import { cleanUpOutboxes, databaseName, endedCall, last, newOutbox, T0 } from '../../test-support/outbox-rig.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import type { OutboxEvent } from '../../test-support/outbox-rig.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;
declare const afterEach: (body: () => void | Promise<void>) => void;

afterEach(cleanUpOutboxes);

/** A call in wrap up, with what the agent has typed so far. */
function wrappingUp(id: string, notes: string, disposition = ''): Interaction {
  return {
    ...endedCall(id, notes),
    state: 'wrap-up',
    disposition,
    journey: [
      { at: T0, kind: 'offered' },
      { at: T0 + 2_000, kind: 'answered' },
      { at: T0 + 62_000, kind: 'released' },
    ],
  };
}

function draft(id: string, notes: string, disposition = ''): ActivityDraft {
  return { interaction: wrappingUp(id, notes, disposition), links: { whoId: '00Q5e00000AbCdEEAV' }, callerNumberE164: '+14155550100' };
}

describe('wrap-up drafts in the activity outbox', () => {
  it('survive a reload: a new outbox on the same database lists them, and nothing was sent', async () => {
    const session = await fakeOrg.createOrg();
    const name = databaseName();
    const first = newOutbox(session, new FakeClock(T0), [], name);
    const before = await fakeOrg.apiUsage(session.orgId);
    await first.saveDraft('cp-d1', draft('cp-d1', 'Wants a quote'));
    await first.saveDraft('cp-d2', draft('cp-d2', 'Wrong number', 'Wrong number'));
    first.close(); // the agent reloads the console in the middle of wrap up

    const second = newOutbox(session, new FakeClock(T0), [], name);
    await second.start();
    const restored = await second.drafts();
    expect(restored).to.deep.equal([draft('cp-d1', 'Wants a quote'), draft('cp-d2', 'Wrong number', 'Wrong number')]);
    expect(await second.pending()).to.deep.equal([]);
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before);
    expect(await fakeOrg.records(session.orgId, 'Task')).to.have.length(0);
  });

  it('keeps only the newest draft of an interaction', async () => {
    const clock = new FakeClock(T0);
    const outbox = newOutbox(undefined, clock, [], databaseName());
    await outbox.saveDraft('cp-d', draft('cp-d', 'first words'));
    clock.advance(5_000);
    await outbox.saveDraft('cp-d', draft('cp-d', 'first words, then more', 'Resolved'));
    expect(await outbox.drafts()).to.deep.equal([draft('cp-d', 'first words, then more', 'Resolved')]);
  });

  it('is cleared when the Task is queued, and both facts survive a reload together', async () => {
    const session = await fakeOrg.createOrg();
    const name = databaseName();
    const events: OutboxEvent[] = [];
    const first = newOutbox(session, new FakeClock(T0), events, name);
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable' });
    await first.saveDraft('cp-done', draft('cp-done', 'Call back Friday'));
    await first.saveDraft('cp-open', draft('cp-open', 'still typing'));
    const finished = { ...wrappingUp('cp-done', 'Call back Friday', 'Resolved'), state: 'ended' as const };
    await first.enqueue('cp-done', activityFromInteraction(finished, {}, T0 + 90_000, '+14155550100'));
    expect((await first.drafts()).map((d) => d.interaction.id)).to.deep.equal(['cp-open']);
    await waitUntil(() => last(events, 'cp-done')?.state === 'retrying', 'the write waits for Salesforce');
    first.close();

    await fakeOrg.clearFaults(session.orgId);
    const after: OutboxEvent[] = [];
    const second = newOutbox(session, new FakeClock(T0), after, name);
    await second.start();
    expect((await second.drafts()).map((d) => d.interaction.id)).to.deep.equal(['cp-open']);
    await waitUntil(() => last(after, 'cp-done')?.state === 'saved', 'the queued Task is replayed');
    expect(await tasksFor(session.orgId, 'cp-done')).to.have.length(1);
    expect(await tasksFor(session.orgId, 'cp-open')).to.have.length(0);
  });

  it('ignores a late draft for an interaction whose Task is already queued', async () => {
    const outbox = newOutbox(undefined, new FakeClock(T0), [], databaseName());
    const finished = { ...wrappingUp('cp-late', 'done', 'Resolved'), state: 'ended' as const };
    const queued = outbox.enqueue('cp-late', activityFromInteraction(finished, {}, T0 + 90_000));
    const late = outbox.saveDraft('cp-late', draft('cp-late', 'a keystroke behind'));
    await Promise.all([queued, late]);
    expect(await outbox.drafts()).to.deep.equal([]);
    expect((await outbox.pending()).map((p) => p.interactionId)).to.deep.equal(['cp-late']);
  });

  it('can be discarded', async () => {
    const name = databaseName();
    const outbox = newOutbox(undefined, new FakeClock(T0), [], name);
    await outbox.saveDraft('cp-gone', draft('cp-gone', 'never mind'));
    await outbox.saveDraft('cp-kept', draft('cp-kept', 'keep me'));
    await outbox.discardDraft('cp-gone');
    outbox.close();
    const reopened = newOutbox(undefined, new FakeClock(T0), [], name);
    expect((await reopened.drafts()).map((d) => d.interaction.id)).to.deep.equal(['cp-kept']);
  });

  it('refuses a draft without an interaction id or for another interaction', async () => {
    const outbox = newOutbox(undefined, new FakeClock(T0), [], databaseName());
    expect(isContactPadError(await rejectionOf(outbox.saveDraft(' ', draft(' ', 'x'))), 'CRM_REQUEST_REJECTED')).to.equal(true);
    expect(isContactPadError(await rejectionOf(outbox.saveDraft('cp-a', draft('cp-b', 'x'))), 'CRM_REQUEST_REJECTED')).to.equal(true);
    expect(await outbox.drafts()).to.deep.equal([]);
  });

  it('opens a database written by the previous version (Task writes only) and keeps its queued writes', async () => {
    const name = databaseName();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore('activities', { keyPath: 'interactionId' });
        store.put({ interactionId: 'cp-old', fields: { Subject: 'Inbound call' }, revision: 'r1', queuedAt: T0 });
      };
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    const outbox = newOutbox(undefined, new FakeClock(T0), [], name);
    expect((await outbox.pending()).map((p) => p.interactionId)).to.deep.equal(['cp-old']);
    await outbox.saveDraft('cp-new', draft('cp-new', 'typed after the upgrade'));
    expect((await outbox.drafts()).map((d) => d.interaction.id)).to.deep.equal(['cp-new']);
    expect(await outbox.isDurable()).to.equal(true);
  });
});
