import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import type { Interaction } from '../model/interaction.ts';
import { ActivityOutbox } from './activity-outbox.ts';
import type { OutboxState } from './activity-outbox.ts';
import { INTERACTION_ID_FIELD } from './activity-log.ts';
import { CrmRoom } from './crm-room.ts';
import { connectTo, fakeOrg, rejectionOf, waitUntil } from './fake-org-session.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const T0 = Date.UTC(2026, 10, 22, 10, 2, 3);

describe('the crm room as the controller uses it', () => {
  it('looks up, pops, builds and logs the Task; a renewed session reaches lookups and held writes', async () => {
    const session = await fakeOrg.createOrg();
    const leadId = await fakeOrg.insert(session.orgId, 'Lead', { LastName: 'Lopez', Company: 'Lopez Bakery', Phone: '(415) 555-0100' });
    const states: OutboxState[] = [];
    const outbox = new ActivityOutbox({
      databaseName: `contactpad-room-test-${crypto.randomUUID()}`,
      connection: connectTo(session),
      listener: (_id, state) => states.push(state),
    });
    const room = new CrmRoom({ connection: connectTo(session), outbox, defaultCountry: 'US' });
    try {
      const identity = await room.lookUpCaller('415-555-0100');
      expect(room.decideScreenPop(identity, '415-555-0100')).to.deep.equal({ kind: 'record', recordId: leadId, objectType: 'Lead' });

      await fakeOrg.setFault(session.orgId, { kind: 'sessionExpired' });
      expect(isContactPadError(await rejectionOf(room.lookUpCaller('415-555-0100')), 'CRM_SESSION_EXPIRED')).to.equal(true);
      const call: Interaction = {
        id: 'cp-room-1', channel: 'voice', direction: 'inbound', callerName: 'Lopez', callerNumber: '415-555-0100',
        queue: '', location: '', adSource: '', state: 'ended', offeredAt: T0, journey: [], disposition: '', notes: '',
      };
      await room.logActivity(call.id, room.activityFromInteraction(call, { whoId: leadId }, T0));
      await waitUntil(() => states.at(-1) === 'retrying', 'write held on the expired session');

      await fakeOrg.clearFaults(session.orgId);
      room.setConnection(connectTo(session));
      await waitUntil(() => states.at(-1) === 'saved', 'held write sent with the renewed session');
      expect((await room.lookUpCaller('415-555-0100')).labels).to.deep.equal(['Lead']);
      const tasks = (await fakeOrg.records(session.orgId, 'Task')).filter((t) => t[INTERACTION_ID_FIELD] === 'cp-room-1');
      expect(tasks.map((t) => t['WhoId'])).to.deep.equal([leadId]);
    } finally {
      outbox.close();
    }
  });
});
