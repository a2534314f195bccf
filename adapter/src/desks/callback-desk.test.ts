/**
 * Call back from a record (callback-desk.ts, through the outbound desk as the switchboard uses
 * it), with the real model, the real crm room on a fake org with the demo data and the shipped
 * custom metadata, and stand-ins for the phone (its device callbacks recorded and stepped by
 * the test, as telephony/device-callback.ts reports them) and the host.
 */
import { expect } from '@open-wc/testing';
import type { DeviceCallbackEvent, RegisteredDevice } from '../model/device-callback.ts';
import type { NavigationContext } from '../host/navigation-context.ts';
import { callOffer, RecordingPhone, loadedTestDesks, withRooms } from '../../test-support/desk-rig.ts';
import { fakeOrg, taskFor } from '../../test-support/fake-org.ts';
import { waitFor } from '../../test-support/wait-for.ts';
import type { DeviceCallbackPort } from './ports.ts';
import { refusal } from '../../test-support/thrown.ts';

const DESK_PHONE: RegisteredDevice = { contact: 'sip:agent1-0x5@127.0.0.1:47160', kind: 'phone', where: '127.0.0.1:47160' };

/** The phone, with the agent's other devices and the callbacks asked of them (stepped by the test). */
class PhoneWithDevices extends RecordingPhone {
  devices: RegisteredDevice[] = [DESK_PHONE];
  readonly callbacks: { device: string; customer: string; step: (event: DeviceCallbackEvent) => void; cancelled?: string }[] = [];

  deviceCallbacks(): Promise<DeviceCallbackPort | undefined> {
    return Promise.resolve({
      devices: this.devices,
      place: async (request, step) => {
        const placed: (typeof this.callbacks)[number] = { device: request.device, customer: request.customer, step };
        this.callbacks.push(placed);
        return {
          id: `device-callback-${this.callbacks.length}`,
          cancel: async (reason) => {
            placed.cancelled = reason;
            step({ type: 'failed', reason });
          },
        };
      },
    });
  }
}

async function withCrm(items: Record<string, string> = {}) {
  const desks = await loadedTestDesks(items);
  const { phone, host, orgId } = await withRooms(desks, new PhoneWithDevices());
  // The agent goes Ready: the phone starts and registers.
  await desks.agent.choose({ status: 'ready' });
  desks.voice.connection({ state: 'registered' });
  const callback = await (await desks.voice.outbound()).callback();
  return { ...desks, phone, host, orgId, callback };
}

type Floor = Awaited<ReturnType<typeof withCrm>>;

async function lead(desks: Floor, lastName: string): Promise<{ recordId: string; objectType: string; name: string }> {
  const record = (await fakeOrg.records(desks.orgId, 'Lead')).find((r) => r['LastName'] === lastName);
  if (!record) throw new Error(`no Lead ${lastName}`);
  return { recordId: record.Id, objectType: 'Lead', name: `${String(record['FirstName'] ?? '')} ${lastName}`.trim() };
}

function focusOn(record: { recordId: string; objectType: string; name: string }): NavigationContext {
  return { url: `/lightning/r/${record.objectType}/${record.recordId}/view`, recordId: record.recordId, recordName: record.name, objectType: record.objectType };
}

describe('call back from a record', () => {
  it('offers the record\'s numbers (its phone fields, as the screen-pop rules name them), this browser and the agent\'s other registered devices, for the record in focus', async () => {
    const desks = await withCrm();
    const maria = await lead(desks, 'Lopez');
    await fakeOrg.update(desks.orgId, 'Lead', maria.recordId, { MobilePhone: '+1 415 555 0199' });
    await desks.callback.handle({ to: 'open' }, focusOn(maria));
    expect(desks.store.snapshot.callback).to.deep.equal({ record: maria, numbers: ['(415) 555-0100', '+1 415 555 0199'], thisBrowser: true, devices: [DESK_PHONE], scheduled: [] });
    await desks.callback.handle({ to: 'close' }, undefined);
    expect(desks.store.snapshot.callback).to.equal(undefined);
  });

  it('from a transaction: the selected interaction that is over (a call in wrap up) is called back, its number and the record popped for it; a call under way is not, the record in focus is', async () => {
    const desks = await withCrm();
    const maria = await lead(desks, 'Lopez');
    const daniel = (await fakeOrg.records(desks.orgId, 'Contact')).find((r) => r['LastName'] === 'Kim')!;
    desks.voice.incoming(callOffer('earlier-1', { callerNumber: '+14155550101', callerName: 'Daniel Kim' }));
    await waitFor('the lookup', () => desks.view.view('earlier-1')?.caller.state !== 'pending');
    desks.voice.connected('earlier-1');
    await waitFor('the pop', () => desks.view.facts('earlier-1')?.popped !== undefined);
    desks.voice.ended('earlier-1', { reason: 'remote-hangup' });
    desks.view.select('earlier-1');
    await desks.callback.handle({ to: 'open' }, focusOn(maria));
    expect(desks.store.snapshot.callback?.numbers[0]).to.equal('+14155550101');
    expect(desks.store.snapshot.callback?.record).to.deep.equal({ recordId: daniel.Id, objectType: 'Contact', name: 'Daniel Kim' });
    desks.voice.incoming(callOffer('live-1', { callerNumber: '+14155550178' }));
    desks.voice.connected('live-1');
    desks.view.select('live-1');
    await desks.callback.handle({ to: 'open' }, focusOn(maria));
    expect(desks.store.snapshot.callback?.record).to.deep.equal(maria);
  });

  it('no device can ring while the phone is not registered: the dialog has none, and a call back is refused with its code', async () => {
    const desks = await withCrm();
    desks.voice.connection({ state: 'connecting' });
    await desks.callback.handle({ to: 'open' }, undefined);
    expect(desks.store.snapshot.callback).to.deep.equal({ numbers: [], thisBrowser: false, devices: [], scheduled: [] });
    const refused = await refusal(desks.callback.place({ number: '+14155550152', device: '' }));
    expect(refused.code).to.equal('CALLBACK_NO_DEVICE');
    expect(refused.message).to.match(/activate a device first/);
    expect(desks.phone.asked.filter((asked) => asked.startsWith('dial'))).to.deep.equal([]);
  });

  it('this browser: placed as click-to-dial is, the record popped and the Task linked to it', async () => {
    const desks = await withCrm();
    const maria = await lead(desks, 'Lopez');
    const id = await desks.callback.place({ number: '+1 415 555 0152', device: '', record: maria });
    expect(desks.phone.asked).to.include('dial +14155550152');
    expect(desks.host.pops).to.deep.equal([`record ${maria.recordId}`]);
    expect(desks.view.view(id)?.record?.id).to.equal(maria.recordId);
    expect(desks.phone.callbacks).to.deep.equal([]);
  });

  it('another device: listed as a callback ringing the device, then calling the customer, then connected on the device: wrap up, the Task linked to the record', async () => {
    const desks = await withCrm();
    const maria = await lead(desks, 'Lopez');
    const id = await desks.callback.place({ number: '+1 415 555 0152', device: DESK_PHONE.contact, record: maria });
    const [placed] = desks.phone.callbacks;
    expect([placed?.device, placed?.customer]).to.deep.equal([DESK_PHONE.contact, '+14155550152']);
    expect(desks.view.interaction(id)).to.include({ channel: 'callback', direction: 'outbound', state: 'alerting' });
    expect(desks.view.view(id)?.viaDevice).to.deep.equal({ device: DESK_PHONE, step: 'ringing-device' });
    expect(desks.host.pops).to.deep.equal([`record ${maria.recordId}`]);
    placed?.step({ type: 'device-answered' });
    expect(desks.view.view(id)?.viaDevice?.step).to.equal('calling-customer');
    placed?.step({ type: 'customer-answered' });
    expect(desks.view.view(id)?.viaDevice?.step).to.equal('connected');
    expect(desks.view.stateOf(id)).to.equal('wrap-up');
    desks.wrapUp.finish(id, { disposition: '', notes: '' }, 'done');
    const task = await taskFor(desks.orgId, id);
    expect(task['WhoId']).to.equal(maria.recordId);
    expect(String(task['Description'])).to.match(/on your device \(127\.0\.0\.1:47160\)/);
  });

  it('a device that does not pick up within the ring time: its call is cancelled, the callback fails with the reason, the agent is told and the Task says Failed', async () => {
    const desks = await withCrm({ '/ContactPad/noAnswerSeconds': '20' });
    const id = await desks.callback.place({ number: '+1 415 555 0152', device: DESK_PHONE.contact });
    desks.clock.advance(20_000);
    expect(desks.phone.callbacks[0]?.cancelled).to.equal('Your device did not pick up within 20 s.');
    expect(desks.view.stateOf(id)).to.equal('failed');
    expect(desks.view.view(id)?.viaDevice).to.deep.include({ step: 'failed', reason: 'Your device did not pick up within 20 s.' });
    expect(desks.store.snapshot.notices.map((notice) => notice.code)).to.include('CALLBACK_DEVICE_FAILED');
    expect((await taskFor(desks.orgId, id))['ContactPad_Status__c']).to.equal('Failed');
  });

  it('the device refuses to call the customer: the callback fails as CALLBACK_CUSTOMER_FAILED, with the device\'s answer', async () => {
    const desks = await withCrm();
    const id = await desks.callback.place({ number: '+1 415 555 0152', device: DESK_PHONE.contact });
    desks.phone.callbacks[0]?.step({ type: 'device-answered' });
    desks.phone.callbacks[0]?.step({ type: 'failed', reason: 'Your device refused to call the customer (405 Method Not Allowed).' });
    expect(desks.view.stateOf(id)).to.equal('failed');
    const notice = desks.store.snapshot.notices.find((n) => n.code === 'CALLBACK_CUSTOMER_FAILED');
    expect(notice?.message).to.match(/refused to call the customer \(405 Method Not Allowed\)/);
  });

  it('a device that answers but never says how the customer\'s line went: ContactPad leaves the call after the ring time and 30 s more, and says so', async () => {
    const desks = await withCrm({ '/ContactPad/noAnswerSeconds': '20' });
    const id = await desks.callback.place({ number: '+1 415 555 0152', device: DESK_PHONE.contact });
    desks.clock.advance(10_000);
    desks.phone.callbacks[0]?.step({ type: 'device-answered' });
    desks.clock.advance(20_000);
    expect(desks.view.view(id)?.viaDevice?.step, 'the ring time no longer counts once the device answered').to.equal('calling-customer');
    desks.clock.advance(30_000);
    expect(desks.phone.callbacks[0]?.cancelled).to.equal("Your device said nothing of the customer's line within 50 s.");
    expect(desks.view.stateOf(id)).to.equal('failed');
    expect(desks.store.snapshot.notices.map((notice) => notice.code)).to.include('CALLBACK_CUSTOMER_FAILED');
  });

  it('the compliance rules apply: Do Not Call on the record blocks the callback, naming the rule, and no device rings', async () => {
    const desks = await withCrm();
    const maria = await lead(desks, 'Lopez');
    await fakeOrg.update(desks.orgId, 'Lead', maria.recordId, { DoNotCall: true });
    const blocked = await refusal(desks.callback.place({ number: '+1 415 555 0152', device: DESK_PHONE.contact, record: maria }));
    expect(blocked.code).to.equal('CALL_BLOCKED_DO_NOT_CALL');
    expect(blocked.message).to.match(/^Do Not Call: .*Lopez \(Lead\) is marked Do Not Call/);
    expect(desks.phone.callbacks).to.deep.equal([]);
    expect(desks.store.snapshot.callback).to.equal(undefined);
  });

  it('a device gone from the registration is refused before anything rings', async () => {
    const desks = await withCrm();
    desks.phone.devices = [];
    const refused = await refusal(desks.callback.place({ number: '+1 415 555 0152', device: DESK_PHONE.contact }));
    expect(refused.code).to.equal('CALLBACK_NO_DEVICE');
    expect(desks.phone.callbacks).to.deep.equal([]);
  });
});
