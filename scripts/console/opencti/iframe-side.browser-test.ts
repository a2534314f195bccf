import { expect } from '@open-wc/testing';
import type { DefaultFieldValues, NavigationChangePayload, OpenCti, OpenCtiResult, OpenCtiSubscribeResult, ScreenPopTypeName } from '../../../adapter/src/host/open-cti.ts';
import { acceptOpenCtiSoftphone, serveOpenCti, type ConsoleApi, type OpenCtiConsole } from './console-side.ts';
import { connectOpenCtiToParent } from './iframe-side.ts';
import { envelope } from './opencti-protocol.ts';
import { installOpenCtiShim } from './opencti-shim.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;
declare const afterEach: (body: () => void | Promise<void>) => void;

const ACCOUNT_ID = '001000000000001AAA';

class RecordingConsole implements ConsoleApi {
  pops: { type: ScreenPopTypeName; params: Record<string, unknown>; defaultFieldValues?: DefaultFieldValues }[] = [];
  panelVisible = true;
  screenPop(type: ScreenPopTypeName, params: Record<string, unknown>): void {
    this.pops.push({ type, params });
  }
  setPanelVisible(visible: boolean): void {
    this.panelVisible = visible;
  }
  isPanelVisible(): boolean {
    return this.panelVisible;
  }
  callCenterSettings(): Record<string, string> {
    return { '/reqGeneralInfo/reqInternalName': 'ContactPad' };
  }
  clickToDialEnabled(): void {}
}

type SoftphoneWindow = Window & { early?: boolean; results?: OpenCtiResult[]; navigations?: unknown[] };

/** Waits for `check` to become true, polling; fails with `what` if it never does. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never happened: ${what}`);
}

/** Lets every message already posted to this window be delivered. */
function flushWindowMessages(): Promise<void> {
  return new Promise((resolve) => {
    const token = `flush-${Math.random()}`;
    const onMessage = (event: MessageEvent): void => {
      if (event.data !== token) return;
      window.removeEventListener('message', onMessage);
      resolve();
    };
    window.addEventListener('message', onMessage);
    window.postMessage(token, window.origin);
  });
}

/** The softphone page: loads the opencti_min.js entry, then immediately uses sforce.opencti. */
function softphoneFrame(): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><script type="module">
    import '/scripts/console/opencti/opencti-entry.ts';
    window.early = typeof window.sforce?.opencti?.screenPop === 'function';
    window.results = [];
    window.navigations = [];
    sforce.opencti.onNavigationChange({ listener: (payload) => window.navigations.push(payload) });
    sforce.opencti.screenPop({
      type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
      params: { recordId: '${ACCOUNT_ID}' },
      callback: (result) => window.results.push(result),
    });
  </script>`;
  return frame;
}

describe('the local console\'s opencti_min.js in the softphone iframe', () => {
  let frame: HTMLIFrameElement | undefined;
  let consoleHandle: OpenCtiConsole | undefined;

  afterEach(() => {
    consoleHandle?.close();
    frame?.remove();
    frame = undefined;
    consoleHandle = undefined;
  });

  it('defines sforce.opencti synchronously and delivers calls made before the console answered', async () => {
    frame = softphoneFrame();
    document.body.append(frame);
    const softphone = (): SoftphoneWindow => frame!.contentWindow as SoftphoneWindow;
    await until(() => softphone().early !== undefined, 'the softphone script ran');
    expect(softphone().early).to.equal(true);
    expect(softphone().results).to.deep.equal([]);

    const consolePage = new RecordingConsole();
    consoleHandle = acceptOpenCtiSoftphone({ win: window, frame, origin: window.origin, api: consolePage });
    await until(() => (softphone().results?.length ?? 0) > 0, 'the early screen pop was answered');
    expect(consolePage.pops).to.deep.equal([{ type: 'SOBJECT', params: { recordId: ACCOUNT_ID } }]);
    expect(softphone().results).to.deep.equal([{ success: true, returnValue: null, errors: null }]);

    expect(consoleHandle.pushNavigation({ url: '/lightning/page/home', recordId: '', recordName: '', objectType: '' })).to.equal(true);
    await until(() => (softphone().navigations?.length ?? 0) > 0, 'the navigation reached the softphone');
    expect(softphone().navigations).to.deep.equal([{ url: '/lightning/page/home', recordId: '', recordName: '', objectType: '' }]);
  });

  it('ignores a handshake that does not come from the softphone frame', async () => {
    frame = document.createElement('iframe');
    document.body.append(frame);
    consoleHandle = acceptOpenCtiSoftphone({ win: window, frame, origin: window.origin, api: new RecordingConsole() });
    window.postMessage({ ...envelope(), kind: 'hello', instance: 'intruder' }, window.origin);
    await flushWindowMessages();
    expect(consoleHandle.pushNavigation({ url: '/x' })).to.equal(false);
  });

  it('installs nothing outside a frame, so ContactPad sees no console', () => {
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const lone = {} as Window & { parent: Window };
      lone.parent = lone;
      expect(connectOpenCtiToParent(lone)).to.equal(undefined);
      expect(lone.sforce).to.equal(undefined);
      expect(String(errors[0]?.[0])).to.contain('inside the console');
    } finally {
      console.error = original;
    }
  });
});

/**
 * A console page for the shape tests: answers like the Lightning console would, with the values
 * the Open CTI guide's own examples use (cited per test), and records what it was asked.
 */
class ShapeConsole implements ConsoleApi {
  pops: { type: ScreenPopTypeName; params: Record<string, unknown>; defaultFieldValues?: DefaultFieldValues }[] = [];
  panelVisible = true;
  clickToDial: boolean[] = [];
  published: { channelName: string; message: unknown }[] = [];
  saved: Record<string, unknown>[] = [];
  refreshed = 0;
  initialized = 0;
  /** When set, subscribe is refused with this reason. */
  refuseSubscribe: string | undefined;
  /** When set, saveLog is refused with this reason. */
  refuseSave: string | undefined;

  screenPop(type: ScreenPopTypeName, params: Record<string, unknown>, defaultFieldValues?: DefaultFieldValues): void {
    this.pops.push(defaultFieldValues === undefined ? { type, params } : { type, params, defaultFieldValues });
  }
  setPanelVisible(visible: boolean): void {
    this.panelVisible = visible;
  }
  isPanelVisible(): boolean {
    return this.panelVisible;
  }
  /** An excerpt of the guide's getCallCenterSettings example returnValue (labels and sort orders included). */
  callCenterSettings(): Record<string, string> {
    return {
      '/displayNameLabel': 'Display Name',
      '/internalNameLabel': 'InternalName',
      '/reqGeneralInfo/label': 'General Information',
      '/reqGeneralInfo/reqAdapterUrl': '/apex/ContactCenter',
      '/reqGeneralInfo/reqAdapterUrl/label': 'CTI Adapter URL',
      '/reqGeneralInfo/reqAdapterUrl/sortOrder': '2.0',
      '/reqGeneralInfo/reqInternalName': 'OpenCTI',
      '/reqGeneralInfo/sortOrder': '0.0',
    };
  }
  clickToDialEnabled(enabled: boolean): void {
    this.clickToDial.push(enabled);
  }
  /** The guide's getAppViewInfo example returnValue. */
  appViewInfo(): NavigationChangePayload {
    return { url: 'https://MyDomainNamemy.salesforce.com/lightning/r/Case/500D0000003tcchIAA/view?t=1459806689555', recordId: '001x0000003DGQR', recordName: 'Acme', objectType: 'Account' };
  }
  /** An excerpt of the guide's searchAndScreenPop example returnValue. */
  searchAndScreenPop(): Record<string, unknown> {
    return { '006x0000001ZcyG': { Id: '006x0000001ZcyG', LastModifiedDate: '2017-10-24T18:42:39.000Z', Name: 'Acme - 600 Widgets', RecordType: 'Opportunity' } };
  }
  saveLog(value: Record<string, unknown>): { recordId: string } {
    if (this.refuseSave !== undefined) throw new Error(this.refuseSave);
    this.saved.push(value);
    return { recordId: '00T000000000001AAA' };
  }
  /** The guide's runApex example: the Apex method returns a JSON string. */
  runApex(): string {
    return '[{"Id":"001xx000003DGawAAG","Name":"Acme","Phone":"(212) 555-5555"}]';
  }
  refreshView(): void {
    this.refreshed += 1;
  }
  initializationComplete(): void {
    this.initialized += 1;
  }
  publish(channelName: string, message: unknown): void {
    this.published.push({ channelName, message });
  }
  subscribe(): void {
    if (this.refuseSubscribe !== undefined) throw new Error(this.refuseSubscribe);
  }
}

describe('the sforce.opencti shim', () => {
  const channels: MessageChannel[] = [];
  afterEach(() => {
    for (const channel of channels.splice(0)) {
      channel.port1.close();
      channel.port2.close();
    }
  });

  function shim(api: ConsoleApi = new RecordingConsole()): { opencti: OpenCti; win: Window; console: OpenCtiConsole } {
    const channel = new MessageChannel();
    channels.push(channel);
    const win = { sforce: { other: 1 } } as unknown as Window;
    const opencti = installOpenCtiShim(win, channel.port1);
    const consoleHandle = serveOpenCti(channel.port2, api);
    return { opencti, win, console: consoleHandle };
  }

  function call<T = OpenCtiResult>(invoke: (callback: (result: T) => void) => void): Promise<T> {
    return new Promise((resolve) => invoke(resolve));
  }

  /** `{ success: true, returnValue: null, errors: null }`: "The returnValue is always null". */
  const NULL_RESULT = { success: true, returnValue: null, errors: null };

  it('keeps what else is on window.sforce and exposes the library\'s constants', () => {
    const { opencti, win } = shim();
    expect((win.sforce as unknown as { other: number }).other).to.equal(1);
    expect(win.sforce?.opencti).to.equal(opencti);
    expect(opencti.SCREENPOP_TYPE.NEW_RECORD_MODAL).to.equal('newRecord');
    expect(opencti.CALL_TYPE.INBOUND).to.equal('inbound');
  });

  it('throws on bad arguments like Salesforce\'s library', () => {
    const { opencti } = shim();
    expect(() => (opencti.isSoftphonePanelVisible as (args: unknown) => void)({})).to.throw('Must pass in only one object');
    expect(() => (opencti.getCallCenterSettings as (args: unknown) => void)({ foo: 1 })).to.throw('Missing the required argument `callback`!');
    expect(() => (opencti.onClickToDial as (args: unknown) => void)({ listener: 'no' })).to.throw('Missing the required argument `listener`!');
  });

  it('answers failures with the documented error objects [{ code, description }]', async () => {
    // Open CTI guide, "Common Error Messages for Lightning Experience Methods".
    const { opencti } = shim();
    const unknownType = await call((callback) => opencti.screenPop({ type: 'SOBJECT', params: { recordId: ACCOUNT_ID }, callback }));
    expect(unknownType).to.deep.equal({ success: false, returnValue: null, errors: [{ code: 'INVALID_PARAM', description: 'Invalid screen pop type: SOBJECT' }] });

    const shortSearch = await call((callback) => opencti.screenPop({ type: opencti.SCREENPOP_TYPE.SEARCH, params: { searchString: 'ab' }, callback }));
    expect(shortSearch).to.deep.equal({ success: false, returnValue: null, errors: [{ code: 'INVALID_PARAM', description: 'params.searchString must be at least 3 characters long' }] });

    const height = await call((callback) => opencti.setSoftphonePanelHeight({ heightPX: 100, callback }));
    expect(height.errors?.[0]?.code).to.equal('INVALID_PARAM');
    expect(height.errors?.[0]?.description).to.contain('240 to 2560');
  });

  it('says plainly when the local console does not offer a method', async () => {
    const { opencti } = shim();
    const result = await call((callback) => opencti.saveLog({ value: { entityApiName: 'Task', Subject: 'Call' }, callback }));
    expect(result).to.deep.equal({ success: false, returnValue: null, errors: [{ code: 'GENERIC_ERROR', description: 'saveLog is not supported by the local console' }] });
  });

  describe('answers each method with the shape the Open CTI guide documents', () => {
    it('screenPop: returnValue null for SOBJECT, SEARCH and FLOW; the console gets the params', async () => {
      const api = new ShapeConsole();
      const { opencti } = shim(api);
      const flowArgs = [{ name: 'callerNumber', type: 'String', value: '+14155550123' }];
      expect(await call((callback) => opencti.screenPop({ type: opencti.SCREENPOP_TYPE.SOBJECT, params: { recordId: ACCOUNT_ID }, callback }))).to.deep.equal(NULL_RESULT);
      expect(await call((callback) => opencti.screenPop({ type: opencti.SCREENPOP_TYPE.SEARCH, params: { searchString: '+14155550123' }, callback }))).to.deep.equal(NULL_RESULT);
      expect(await call((callback) => opencti.screenPop({ type: opencti.SCREENPOP_TYPE.FLOW, params: { flowDevName: 'Greet_Caller', flowArgs }, callback }))).to.deep.equal(NULL_RESULT);
      expect(api.pops).to.deep.equal([
        { type: 'SOBJECT', params: { recordId: ACCOUNT_ID } },
        { type: 'SEARCH', params: { searchString: '+14155550123' } },
        { type: 'FLOW', params: { flowDevName: 'Greet_Caller', flowArgs } },
      ]);
    });

    it('screenPop NEW_RECORD_MODAL: prefills from params.defaultFieldValues or from the top-level argument', async () => {
      const api = new ShapeConsole();
      const { opencti } = shim(api);
      const inParams = await call((callback) => opencti.screenPop({ type: opencti.SCREENPOP_TYPE.NEW_RECORD_MODAL, params: { entityName: 'Lead', defaultFieldValues: { Phone: '+14155550123' } }, callback }));
      const topLevel = await call((callback) => opencti.screenPop({ type: opencti.SCREENPOP_TYPE.NEW_RECORD_MODAL, params: { entityName: 'Contact' }, defaultFieldValues: { LastName: 'Lovelace' }, callback }));
      const both = await call((callback) => opencti.screenPop({ type: opencti.SCREENPOP_TYPE.NEW_RECORD_MODAL, params: { entityName: 'Lead', defaultFieldValues: { Phone: '1' } }, defaultFieldValues: { Phone: '1' }, callback }));
      expect([inParams, topLevel, both]).to.deep.equal([NULL_RESULT, NULL_RESULT, NULL_RESULT]);
      expect(api.pops).to.deep.equal([
        { type: 'NEW_RECORD_MODAL', params: { entityName: 'Lead' }, defaultFieldValues: { Phone: '+14155550123' } },
        { type: 'NEW_RECORD_MODAL', params: { entityName: 'Contact' }, defaultFieldValues: { LastName: 'Lovelace' } },
        { type: 'NEW_RECORD_MODAL', params: { entityName: 'Lead' }, defaultFieldValues: { Phone: '1' } },
      ]);
    });

    it('setSoftphonePanelVisibility: returnValue null; isSoftphonePanelVisible: returnValue { visible }', async () => {
      const api = new ShapeConsole();
      const { opencti } = shim(api);
      expect(await call((callback) => opencti.setSoftphonePanelVisibility({ visible: false, callback }))).to.deep.equal(NULL_RESULT);
      expect(await call((callback) => opencti.isSoftphonePanelVisible({ callback }))).to.deep.equal({ success: true, returnValue: { visible: false }, errors: null });
    });

    it('enableClickToDial and disableClickToDial: returnValue null, and the console is told', async () => {
      const api = new ShapeConsole();
      const { opencti, console: consoleHandle } = shim(api);
      expect(await call((callback) => opencti.enableClickToDial({ callback }))).to.deep.equal(NULL_RESULT);
      expect(consoleHandle.isClickToDialEnabled()).to.equal(true);
      expect(await call((callback) => opencti.disableClickToDial({ callback }))).to.deep.equal(NULL_RESULT);
      expect(api.clickToDial).to.deep.equal([true, false]);
    });

    it('getCallCenterSettings: returnValue is one flat object of strings keyed by path, labels and sort orders included', async () => {
      const { opencti } = shim(new ShapeConsole());
      const result = await call((callback) => opencti.getCallCenterSettings({ callback }));
      expect(result).to.deep.equal({ success: true, returnValue: new ShapeConsole().callCenterSettings(), errors: null });
    });

    it('getAppViewInfo: returnValue { url, recordId, recordName, objectType }', async () => {
      const { opencti } = shim(new ShapeConsole());
      const result = await call((callback) => opencti.getAppViewInfo({ callback }));
      expect(result).to.deep.equal({ success: true, returnValue: new ShapeConsole().appViewInfo(), errors: null });
    });

    it('searchAndScreenPop: returnValue is the matches keyed by record id', async () => {
      const { opencti } = shim(new ShapeConsole());
      const result = await call((callback) => opencti.searchAndScreenPop({ searchParams: 'Acme', callType: opencti.CALL_TYPE.INBOUND, callback }));
      expect(result).to.deep.equal({ success: true, returnValue: new ShapeConsole().searchAndScreenPop(), errors: null });
    });

    it('saveLog: returnValue { recordId }; a refusal is GENERIC_ERROR with the reason in details', async () => {
      const api = new ShapeConsole();
      const { opencti } = shim(api);
      const saved = await call((callback) => opencti.saveLog({ value: { entityApiName: 'Task', Subject: 'Call' }, callback }));
      expect(saved).to.deep.equal({ success: true, returnValue: { recordId: '00T000000000001AAA' }, errors: null });
      api.refuseSave = 'Required fields are missing: [Subject]';
      const refused = await call((callback) => opencti.saveLog({ value: { entityApiName: 'Task' }, callback }));
      expect(refused).to.deep.equal({
        success: false,
        returnValue: null,
        errors: [{ code: 'GENERIC_ERROR', description: 'An error occurred while calling the saveLog() API method. Review the Details field in the error section.', details: [{ message: 'Required fields are missing: [Subject]' }] }],
      });
    });

    it('runApex: returnValue { runApex: <what the Apex method returned> }', async () => {
      const { opencti } = shim(new ShapeConsole());
      const result = await call((callback) => opencti.runApex({ apexClass: 'AccountRetrieval', methodName: 'getAccount', methodParams: 'name=acme', callback }));
      expect(result).to.deep.equal({ success: true, returnValue: { runApex: new ShapeConsole().runApex() }, errors: null });
    });

    it('refreshView and notifyInitializationComplete: returnValue null', async () => {
      const api = new ShapeConsole();
      const { opencti } = shim(api);
      expect(await call((callback) => opencti.refreshView({ callback }))).to.deep.equal(NULL_RESULT);
      expect(await call((callback) => opencti.notifyInitializationComplete({ callback }))).to.deep.equal(NULL_RESULT);
      expect([api.refreshed, api.initialized]).to.deep.equal([1, 1]);
    });

    it('publish: returnValue null, and the console gets the message', async () => {
      const api = new ShapeConsole();
      const { opencti } = shim(api);
      expect(await call((callback) => opencti.publish({ channelName: 'SAMPLEMC__c', message: { from: 'test' }, callback }))).to.deep.equal(NULL_RESULT);
      expect(api.published).to.deep.equal([{ channelName: 'SAMPLEMC__c', message: { from: 'test' } }]);
    });

    it('subscribe: the subscription comes as result.subscription, with no returnValue; messages reach the listener', async () => {
      const { opencti, console: consoleHandle } = shim(new ShapeConsole());
      const received: unknown[] = [];
      const result = await call<OpenCtiSubscribeResult>((callback) => opencti.subscribe({ channelName: 'SAMPLEMC__c', listener: (message) => received.push(message), callback }));
      expect(result.success).to.equal(true);
      expect(result.errors).to.equal(null);
      expect(result.subscription).to.be.an('object');
      expect('returnValue' in result, 'subscribe documents no returnValue').to.equal(false);
      expect(consoleHandle.subscribedChannels()).to.deep.equal(['SAMPLEMC__c']);
      expect(consoleHandle.pushMessage('SAMPLEMC__c', { type: 'SampleMC' })).to.equal(true);
      await call((callback) => opencti.getCallCenterSettings({ callback })); // one round trip: the message has arrived
      expect(received).to.deep.equal([{ type: 'SampleMC' }]);
    });

    it('unsubscribe with that subscription: returnValue null, the console drops it, and nothing more is delivered', async () => {
      const { opencti, console: consoleHandle } = shim(new ShapeConsole());
      const received: unknown[] = [];
      const subscribed = await call<OpenCtiSubscribeResult>((callback) => opencti.subscribe({ channelName: 'SAMPLEMC__c', listener: (message) => received.push(message), callback }));
      const subscription = structuredClone(subscribed.subscription!); // handed back as data, not by identity
      const unsubscribed = call((callback) => opencti.unsubscribe({ subscription, callback }));
      // A message the console sends before the unsubscribe reaches it is no longer delivered.
      expect(consoleHandle.pushMessage('SAMPLEMC__c', { late: true })).to.equal(true);
      expect(await unsubscribed).to.deep.equal(NULL_RESULT);
      expect(consoleHandle.subscribedChannels()).to.deep.equal([]);
      expect(consoleHandle.pushMessage('SAMPLEMC__c', { after: true })).to.equal(false);
      expect(received).to.deep.equal([]);

      const again = await call((callback) => opencti.unsubscribe({ subscription, callback }));
      expect(again.success).to.equal(false);
      expect(again.errors?.[0]?.code).to.equal('INVALID_PARAM');
    });

    it('subscribe refused: success false with the errors, no subscription, and the console holds nothing', async () => {
      const api = new ShapeConsole();
      api.refuseSubscribe = 'No message channel named Missing__c';
      const { opencti, console: consoleHandle } = shim(api);
      const received: unknown[] = [];
      const result = await call<OpenCtiSubscribeResult>((callback) => opencti.subscribe({ channelName: 'Missing__c', listener: (message) => received.push(message), callback }));
      expect(result).to.deep.equal({ success: false, errors: [{ code: 'GENERIC_ERROR', description: 'No message channel named Missing__c' }] });
      expect(consoleHandle.subscribedChannels()).to.deep.equal([]);
      expect(consoleHandle.pushMessage('Missing__c', { no: true })).to.equal(false);
    });

    it('onClickToDial and onNavigationChange: the listener gets the payload object itself', async () => {
      const { opencti, console: consoleHandle } = shim(new ShapeConsole());
      const dials: unknown[] = [];
      const navigations: unknown[] = [];
      opencti.onClickToDial({ listener: (payload) => dials.push(payload) });
      opencti.onNavigationChange({ listener: (payload) => navigations.push(payload) });
      await call((callback) => opencti.enableClickToDial({ callback }));
      // The guide's onClickToDial payload fields (number typed "number" there) and getAppViewInfo's person-account example.
      const dial = { number: 14155550123, recordId: '003D000000QOMqg', recordName: 'Acme Person Account', objectType: 'Account', contactId: '003D000000QOMqg', personAccount: true, params: 'accountSid=xxx, sourceId=xxx' };
      const navigation = { url: 'https://MyDomainNamemy.salesforce.com/lightning/r/Account/001x0000003DGQR/view', recordId: '001x0000003DGQR', recordName: 'Acme Person Account', objectType: 'Account', contactId: '003D000000QOMqg', personAccount: true };
      consoleHandle.pushClickToDial(dial);
      consoleHandle.pushNavigation(navigation);
      await call((callback) => opencti.getCallCenterSettings({ callback }));
      expect(dials).to.deep.equal([dial]);
      expect(navigations).to.deep.equal([navigation]);
    });
  });
});
