/**
 * Where the record of a call lives (model/call-record.ts), through the real desks and the real
 * crm room on a fake org: under Open CTI ContactPad looks the caller up, pops the record and
 * writes the Task; under Service Cloud Voice the VoiceCall is the record and ContactPad does none
 * of it. What the crm room is asked is read through a recording view of the real room.
 */
import { expect } from '@open-wc/testing';
import type { CallRecord } from '../model/call-record.ts';
import { Store } from '../store.ts';
import { openDesks } from './desks.ts';
import { Rooms, type CrmPort } from './ports.ts';
import { firstSnapshot } from './view-desk.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import { callOffer, crmOnFakeOrg, RecordingHost, RecordingPhone, testSettings } from '../../test-support/desk-rig.ts';
import { taskFor } from '../../test-support/fake-org.ts';
import { waitFor } from '../../test-support/wait-for.ts';

/** The desks with the real crm room, a recording phone and host; `asked` lists the crm room's methods called. */
async function floor(callRecord: CallRecord) {
  const settings = testSettings({ '/ContactPad/wrapUpSeconds': '0' });
  const clock = new FakeClock(Date.now());
  const desks = openDesks({ settings, clock, store: new Store(firstSnapshot(settings, clock.now())), rooms: new Rooms(), callRecord });
  const { crm, orgId } = await crmOnFakeOrg(desks);
  const asked: string[] = [];
  desks.rooms.crm = new Proxy(crm, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        asked.push(String(name));
        return (value as (...parts: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as CrmPort;
  const host = new RecordingHost();
  desks.rooms.phone = new RecordingPhone();
  desks.rooms.host = host;
  desks.agent.choose({ status: 'ready' });
  return { ...desks, asked, host, orgId, callRecord };
}

/** Maria Lopez calls, the agent answers and hangs up, and wrap up ends (Done). */
async function wholeCall(desks: Awaited<ReturnType<typeof floor>>, id: string): Promise<void> {
  desks.voice.incoming(callOffer(id));
  await waitFor('the lookup, if any, to settle', () => desks.view.view(id)?.caller.state !== 'pending');
  desks.voice.connected(id);
  if (desks.callRecord === 'task') await waitFor('the pop', () => desks.host.pops.length > 0);
  await desks.voice.release(id);
  expect(desks.view.stateOf(id)).to.equal('wrap-up');
  (await desks.wrapUp()).finish(id, {}, 'done');
  expect(desks.view.stateOf(id)).to.equal('ended');
}

describe('the record of a call', () => {
  it('under Open CTI (a Task): the caller is looked up and popped, wrap up keeps a draft, and the call ends as a Task', async () => {
    const desks = await floor('task');
    const id = `it-${Math.random().toString(36).slice(2, 10)}`;
    await wholeCall(desks, id);
    expect(await taskFor(desks.orgId, id)).to.include({ ContactPad_Interaction_Id__c: id });
    expect(desks.asked).to.include.members(['lookUpCaller', 'saveWrapUpDraft', 'logInteraction']);
  });

  it('under Service Cloud Voice (the VoiceCall): no lookup, no screen pop, no draft, no Task: Salesforce pops and keeps the VoiceCall', async () => {
    const desks = await floor('voice-call');
    const id = `it-${Math.random().toString(36).slice(2, 10)}`;
    await wholeCall(desks, id);
    expect(desks.view.view(id)?.caller.state, 'no lookup').to.equal('failed');
    expect(desks.view.view(id)?.log, 'no activity log').to.equal('none');
    expect(desks.host.pops).to.deep.equal([]);
    expect(desks.asked).to.deep.equal([]);
  });
});
