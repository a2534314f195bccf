import { expect } from '@open-wc/testing';
import { Phone } from './phone.ts';
import { RecordingListener, sipServer, uniqueUser, withSuiteCredentials } from '../../test-support/sip-calls.ts';

/**
 * Two pages of one agent in one browser, one after the other (a crash, a reload, a take-over),
 * on the suite's Kamailio: with the browser's kept instance id (PhoneConfig.instanceId, RFC
 * 5626 +sip.instance) the registrar takes the second page's REGISTER as the same device and
 * replaces the binding the first left; the agent's list of registered devices (read from the
 * registrar) shows no second browser.
 */
describe('Phone: one SIP instance per agent and browser', () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  });

  async function registeredPhone(aor: string, instanceId: string | undefined): Promise<Phone> {
    const { wsUrl } = await sipServer();
    const listener = new RecordingListener();
    const phone = new Phone({ serverUrl: wsUrl, aor, ...(instanceId ? { instanceId } : {}) }, listener, withSuiteCredentials(aor));
    stops.push(() => phone.stop());
    phone.start();
    await listener.connectionState('registered');
    return phone;
  }

  /** The browsers the registrar lists for the agent, as `phone` sees them (itself left out). */
  async function otherBrowsers(phone: Phone): Promise<number> {
    const callbacks = await phone.deviceCallbacks();
    if (!callbacks) throw new Error('the phone could not read its devices');
    return callbacks.devices.filter((device) => device.kind === 'browser').length;
  }

  it("a page registering with the instance id an earlier page of the agent used replaces that page's binding", async () => {
    const aor = `sip:${uniqueUser('agent')}@127.0.0.1`;
    const instanceId = crypto.randomUUID();
    await registeredPhone(aor, instanceId);
    const second = await registeredPhone(aor, instanceId);
    expect(await otherBrowsers(second), 'no other browser registered').to.equal(0);
  });

  it('two pages without a kept instance id stay two bindings (what the kept one prevents)', async () => {
    const aor = `sip:${uniqueUser('agent')}@127.0.0.1`;
    await registeredPhone(aor, undefined);
    const second = await registeredPhone(aor, undefined);
    expect(await otherBrowsers(second)).to.equal(1);
  });
});
