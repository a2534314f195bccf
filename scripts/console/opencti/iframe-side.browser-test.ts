import { expect } from '@open-wc/testing';
import type { DefaultFieldValues, OpenCti, OpenCtiResult, ScreenPopTypeName } from '../../../adapter/src/host/open-cti.ts';
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

describe('the sforce.opencti shim', () => {
  const channels: MessageChannel[] = [];
  afterEach(() => {
    for (const channel of channels.splice(0)) {
      channel.port1.close();
      channel.port2.close();
    }
  });

  function shim(api: ConsoleApi = new RecordingConsole()): { opencti: OpenCti; win: Window } {
    const channel = new MessageChannel();
    channels.push(channel);
    const win = { sforce: { other: 1 } } as unknown as Window;
    const opencti = installOpenCtiShim(win, channel.port1);
    serveOpenCti(channel.port2, api);
    return { opencti, win };
  }

  function call(invoke: (callback: (result: OpenCtiResult) => void) => void): Promise<OpenCtiResult> {
    return new Promise((resolve) => invoke(resolve));
  }

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

  it('answers an unknown screen pop type, a too-short search and a bad panel height with errors', async () => {
    const { opencti } = shim();
    const unknownType = await call((callback) => opencti.screenPop({ type: 'SOBJECT', params: { recordId: ACCOUNT_ID }, callback }));
    expect(unknownType.success).to.equal(false);
    expect(unknownType.errors?.[0]).to.contain('Invalid screen pop type');

    const shortSearch = await call((callback) => opencti.screenPop({ type: opencti.SCREENPOP_TYPE.SEARCH, params: { searchString: 'ab' }, callback }));
    expect(shortSearch).to.deep.equal({ success: false, returnValue: null, errors: ['params.searchString must be at least 3 characters long'] });

    const height = await call((callback) => opencti.setSoftphonePanelHeight({ heightPX: 100, callback }));
    expect(height.errors?.[0]).to.contain('240 to 2560');
  });

  it('says plainly when the local console does not offer a method', async () => {
    const { opencti } = shim();
    const result = await call((callback) => opencti.saveLog({ value: { entityApiName: 'Task', Subject: 'Call' }, callback }));
    expect(result).to.deep.equal({ success: false, returnValue: null, errors: ['saveLog is not supported by the local console'] });
  });

  it('returns the console\'s panel visibility as { visible }', async () => {
    const { opencti } = shim();
    const result = await call((callback) => opencti.isSoftphonePanelVisible({ callback }));
    expect(result).to.deep.equal({ success: true, returnValue: { visible: true }, errors: null });
  });
});
