import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import { readSettings } from '../model/settings.ts';
import { ConsoleBridge } from './console-bridge.ts';
import type { OpenCti, ScreenPopArgs } from './open-cti.ts';
import { OpenCtiHost, type ClickToDialRequest, type NavigationContext } from './open-cti-host.ts';
import { hostOnOpenCtiFake, openCtiLine, RecordingConsole, type HostOnOpenCti } from '../../test-support/open-cti-console.ts';
import { capturingWarnings } from '../../test-support/warnings.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;
declare const afterEach: (body: () => void | Promise<void>) => void;

const ACCOUNT_ID = '001000000000001AAA';
const CONTACT_ID = '003000000000001AAA';

/**
 * Call center settings as Salesforce sends them: the items' values and, beside them, the
 * section and item labels and sort orders (Open CTI guide, getCallCenterSettings() for
 * Lightning Experience, example returnValue).
 */
const SETTINGS_AS_SENT: Record<string, string> = {
  '/displayNameLabel': 'Display Name',
  '/internalNameLabel': 'Internal Name',
  '/reqGeneralInfo/label': 'General Information',
  '/reqGeneralInfo/sortOrder': '0.0',
  '/reqGeneralInfo/reqAdapterUrl': '/apex/ContactPad',
  '/reqGeneralInfo/reqAdapterUrl/label': 'CTI Adapter URL',
  '/reqGeneralInfo/reqAdapterUrl/sortOrder': '2.0',
  '/reqGeneralInfo/reqInternalName': 'ContactPad',
  '/ContactPad/label': 'ContactPad',
  '/ContactPad/sortOrder': '1.0',
  '/ContactPad/sipServerUrl': 'ws://127.0.0.1:8080',
  '/ContactPad/sipServerUrl/label': 'SIP server (WebSocket URL)',
  '/ContactPad/sipServerUrl/sortOrder': '0.0',
};

/** What ContactPad's listener heard, with a way to wait for the next one. */
class Heard {
  navigations: NavigationContext[] = [];
  dials: ClickToDialRequest[] = [];
  #waiters: (() => void)[] = [];
  navigation(context: NavigationContext): void {
    this.navigations.push(context);
    this.#wake();
  }
  clickToDial(request: ClickToDialRequest): void {
    this.dials.push(request);
    this.#wake();
  }
  next(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }
}

type Rig = HostOnOpenCti & { heard: Heard };

const lines: (() => void)[] = [];

/** The host over the Open CTI fake, talking to a recording console (panel hidden) that sends {@link SETTINGS_AS_SENT}. */
async function connectRig(options: { requestTimeoutMs?: number } = {}): Promise<Rig> {
  const heard = new Heard();
  const rig = await hostOnOpenCtiFake(heard, { consolePage: new RecordingConsole({ settings: SETTINGS_AS_SENT }), ...options });
  lines.push(rig.close);
  return { ...rig, heard };
}

async function expectHostError(promise: Promise<unknown>, code: 'HOST_REQUEST_FAILED' | 'HOST_UNAVAILABLE'): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(isContactPadError(error, code), `expected ${code}, got ${String(error)}`).to.equal(true);
    return error as Error;
  }
  throw new Error(`expected a ${code} rejection, but it resolved`);
}

afterEach(() => {
  for (const close of lines.splice(0)) close();
});

describe('OpenCtiHost over the local console\'s Open CTI', () => {
  describe('connecting', () => {
    it('rejects HOST_UNAVAILABLE when sforce.opencti never appears (ContactPad opened outside the console)', async () => {
      const error = await expectHostError(OpenCtiHost.connect(new Heard(), { win: {} as Window, waitMs: 50 }), 'HOST_UNAVAILABLE');
      expect(error.message).to.contain('sforce.opencti');
    });

    it('finds Open CTI that finishes loading after ContactPad starts', async () => {
      const line = openCtiLine(new RecordingConsole(), { shimLater: true });
      lines.push(line.close);
      setTimeout(() => line.installShim(), 30);
      const host = await OpenCtiHost.connect(new Heard(), { win: line.win, waitMs: 5000 });
      expect(await host.isPanelVisible()).to.equal(false);
    });
  });

  describe('screen pops', () => {
    it('pops the matching record as SOBJECT with its id', async () => {
      const { host, consolePage } = await connectRig();
      await host.screenPopRecord(ACCOUNT_ID);
      expect(consolePage.pops).to.deep.equal([{ type: 'SOBJECT', params: { recordId: ACCOUNT_ID } }]);
    });

    it('pops a new Lead form prefilled with the caller\'s number as NEW_RECORD_MODAL', async () => {
      const { host, consolePage, opencti } = await connectRig();
      const sent: Omit<ScreenPopArgs, 'callback'>[] = [];
      const screenPop = opencti.screenPop.bind(opencti);
      (opencti as { screenPop: OpenCti['screenPop'] }).screenPop = (args) => {
        const { callback: _callback, ...rest } = args;
        sent.push(structuredClone(rest));
        screenPop(args);
      };
      const fields = { Phone: '+14155550123', LeadSource: 'Phone Inquiry' };
      await host.screenPopNewRecord('Lead', fields);
      // The guide documents defaultFieldValues inside params (params table) and top-level
      // (arguments table): ContactPad sends both, so either reading prefills the form.
      expect(sent).to.deep.equal([{ type: opencti.SCREENPOP_TYPE.NEW_RECORD_MODAL, params: { entityName: 'Lead', defaultFieldValues: fields }, defaultFieldValues: fields }]);
      expect(consolePage.pops).to.deep.equal([{ type: 'NEW_RECORD_MODAL', params: { entityName: 'Lead' }, defaultFieldValues: fields }]);
    });

    it('pops the search page for several matches as SEARCH', async () => {
      const { host, consolePage } = await connectRig();
      await host.screenPopSearch(' +14155550123 ');
      expect(consolePage.pops).to.deep.equal([{ type: 'SEARCH', params: { searchString: '+14155550123' } }]);
    });

    it('runs a screen flow as FLOW with its arguments', async () => {
      const { host, consolePage } = await connectRig();
      await host.screenPopFlow('Greet_Caller', [{ name: 'callerNumber', type: 'String', value: '+14155550123' }]);
      expect(consolePage.pops).to.deep.equal([
        { type: 'FLOW', params: { flowDevName: 'Greet_Caller', flowArgs: [{ name: 'callerNumber', type: 'String', value: '+14155550123' }] } },
      ]);
    });

    it('refuses a flow name that is not an API name without asking the console', async () => {
      const { host, consolePage } = await connectRig();
      await expectHostError(host.screenPopFlow('Greet Caller; drop'), 'HOST_REQUEST_FAILED');
      expect(consolePage.pops).to.deep.equal([]);
    });

    it('refuses a search shorter than 3 characters without asking the console', async () => {
      const { host, consolePage } = await connectRig();
      const error = await expectHostError(host.screenPopSearch('12'), 'HOST_REQUEST_FAILED');
      expect(error.message).to.contain('at least 3 characters');
      expect(consolePage.pops).to.deep.equal([]);
    });

    it('refuses to pop something that is not a record id or an object name', async () => {
      const { host, consolePage } = await connectRig();
      await expectHostError(host.screenPopRecord('<script>'), 'HOST_REQUEST_FAILED');
      await expectHostError(host.screenPopNewRecord('Lead"); alert(1'), 'HOST_REQUEST_FAILED');
      expect(consolePage.pops).to.deep.equal([]);
    });

    it('rejects HOST_REQUEST_FAILED naming the error code and description when the console refuses the pop', async () => {
      const { host, consolePage } = await connectRig();
      consolePage.popError = 'The record you requested does not exist or you do not have access';
      const error = await expectHostError(host.screenPopRecord(ACCOUNT_ID), 'HOST_REQUEST_FAILED');
      expect(error.message).to.equal('Open CTI screenPop failed: GENERIC_ERROR: The record you requested does not exist or you do not have access');
      expect((error as Error & { detail: Record<string, string> }).detail['method']).to.equal('screenPop');
    });

    it('rejects HOST_REQUEST_FAILED when the console never answers, instead of waiting forever', async () => {
      const { host, consolePage } = await connectRig({ requestTimeoutMs: 100 });
      consolePage.popHangs = true;
      const error = await expectHostError(host.screenPopRecord(ACCOUNT_ID), 'HOST_REQUEST_FAILED');
      expect(error.message).to.contain('did not answer');
    });
  });

  describe('softphone panel and settings', () => {
    it('opens the softphone panel through setSoftphonePanelVisibility and reads it back', async () => {
      const { host, consolePage } = await connectRig();
      expect(await host.isPanelVisible()).to.equal(false);
      await host.showPanel();
      expect(consolePage.panelRequests).to.deep.equal([true]);
      expect(await host.isPanelVisible()).to.equal(true);
    });

    it('reads the call center settings as a flat map keyed by item path, and the labels beside them raise no warning', async () => {
      const { host } = await connectRig();
      const settings = await host.getCallCenterSettings();
      expect(settings).to.deep.equal(SETTINGS_AS_SENT);
      const { settings: read, problems } = readSettings(settings);
      expect(read.sipServerUrl).to.equal('ws://127.0.0.1:8080');
      expect(problems.filter((problem) => /label|sortOrder/.test(problem))).to.deep.equal([]);
    });

    it('rejects HOST_REQUEST_FAILED naming the errors when opening the panel or enabling click-to-dial is refused', async () => {
      const { host, consolePage } = await connectRig();
      consolePage.refusals = { panel: 'The softphone panel is not in this app', clickToDial: 'Click-to-dial is off for this user' };
      const panel = await expectHostError(host.showPanel(), 'HOST_REQUEST_FAILED');
      expect(panel.message).to.equal('Open CTI setSoftphonePanelVisibility failed: GENERIC_ERROR: The softphone panel is not in this app');
      const dial = await expectHostError(host.enableClickToDial(), 'HOST_REQUEST_FAILED');
      expect(dial.message).to.equal('Open CTI enableClickToDial failed: GENERIC_ERROR: Click-to-dial is off for this user');
    });
  });

  describe('click-to-dial', () => {
    it('delivers a clicked phone number with its record once click-to-dial is enabled', async () => {
      const { host, consolePage, console: consoleHandle, heard } = await connectRig();
      await host.enableClickToDial();
      expect(consolePage.clickToDialChanges).to.deep.equal([true]);
      const arrived = heard.next();
      expect(consoleHandle.pushClickToDial({ number: '(415) 555-0123', recordId: CONTACT_ID, recordName: 'Ada Lovelace', objectType: 'Contact' })).to.equal(true);
      await arrived;
      expect(heard.dials).to.deep.equal([{ number: '(415) 555-0123', recordId: CONTACT_ID, objectType: 'Contact', recordName: 'Ada Lovelace' }]);
    });

    it('does not make numbers clickable until ContactPad enables it, and stops when it disables it', async () => {
      const { host, consolePage, console: consoleHandle } = await connectRig();
      expect(consoleHandle.pushClickToDial({ number: '4155550123' })).to.equal(false);
      await host.enableClickToDial();
      await host.disableClickToDial();
      expect(consolePage.clickToDialChanges).to.deep.equal([true, false]);
      expect(consoleHandle.pushClickToDial({ number: '4155550123' })).to.equal(false);
    });

    it('ignores a click without a number (with a warning) and keeps taking the next ones', async () => {
      const { host, console: consoleHandle, heard } = await connectRig();
      await host.enableClickToDial();
      const warnings = await capturingWarnings(async () => {
        const arrived = heard.next();
        consoleHandle.pushClickToDial({ recordId: CONTACT_ID, recordName: 'No Number', objectType: 'Contact' });
        consoleHandle.pushClickToDial({ number: '   ' });
        consoleHandle.pushClickToDial('not an object' as never);
        consoleHandle.pushClickToDial({ number: 14155550123, recordId: 'garbage', objectType: 'Lead', recordName: 'Grace' });
        await arrived;
      });
      expect(heard.dials).to.deep.equal([{ number: '14155550123', recordId: '', objectType: 'Lead', recordName: 'Grace' }]);
      expect(warnings.length).to.equal(3);
      expect(String(warnings[0])).to.contain('without a phone number');
    });
  });

  describe('navigation', () => {
    it('remembers the record the agent navigated to, so a Task can link to it', async () => {
      const { host, console: consoleHandle, heard } = await connectRig();
      expect(host.lastNavigation()).to.equal(undefined);
      const arrived = heard.next();
      consoleHandle.pushNavigation({ url: `/lightning/r/Account/${ACCOUNT_ID}/view`, recordId: ACCOUNT_ID, recordName: 'Acme', objectType: 'Account' });
      await arrived;
      expect(host.lastNavigation()).to.deep.equal({ url: `/lightning/r/Account/${ACCOUNT_ID}/view`, recordId: ACCOUNT_ID, recordName: 'Acme', objectType: 'Account' });
      expect(heard.navigations).to.deep.equal([host.lastNavigation()]);
    });

    it('ignores malformed navigation payloads and keeps the last good one', async () => {
      const { host, console: consoleHandle, heard } = await connectRig();
      const good = { url: `/lightning/r/Contact/${CONTACT_ID}/view`, recordId: CONTACT_ID, recordName: 'Ada', objectType: 'Contact' };
      let arrived = heard.next();
      consoleHandle.pushNavigation(good);
      await arrived;
      arrived = heard.next();
      await capturingWarnings(async () => {
        consoleHandle.pushNavigation({ recordId: ACCOUNT_ID });
        consoleHandle.pushNavigation({ url: '/lightning/r/x', recordId: '\'); DROP TABLE' });
        consoleHandle.pushNavigation({ url: '/lightning/r/x', recordName: 42 });
        consoleHandle.pushNavigation(null as never);
        consoleHandle.pushNavigation({ url: '/lightning/page/home' });
        await arrived;
      });
      expect(heard.navigations.length).to.equal(2);
      expect(host.lastNavigation()).to.deep.equal({ url: '/lightning/page/home', recordId: '', recordName: '', objectType: '' });
    });

    it('ignores a payload wrapped in { returnValue } (the guide documents the payload object itself)', async () => {
      const { host, console: consoleHandle, heard } = await connectRig();
      const warnings = await capturingWarnings(async () => {
        const arrived = heard.next();
        consoleHandle.pushNavigation({ success: true, returnValue: { url: '/x', recordId: ACCOUNT_ID, recordName: 'Acme', objectType: 'Account' } } as never);
        consoleHandle.pushNavigation({ url: '/lightning/page/home' });
        await arrived;
      });
      expect(warnings.length).to.equal(1);
      expect(host.lastNavigation()).to.deep.equal({ url: '/lightning/page/home', recordId: '', recordName: '', objectType: '' });
    });

    it('keeps the person account ids a navigation carries', async () => {
      const { host, console: consoleHandle, heard } = await connectRig();
      const arrived = heard.next();
      consoleHandle.pushNavigation({ url: `/lightning/r/Account/${ACCOUNT_ID}/view`, recordId: ACCOUNT_ID, recordName: 'Acme Person Account', objectType: 'Account', contactId: CONTACT_ID, personAccount: true });
      await arrived;
      expect(host.lastNavigation()).to.deep.equal({ url: `/lightning/r/Account/${ACCOUNT_ID}/view`, recordId: ACCOUNT_ID, recordName: 'Acme Person Account', objectType: 'Account', contactId: CONTACT_ID, personAccount: true });
    });
  });

  describe('message channel', () => {
    it('publishes to the console and receives what the console sends on a subscribed channel', async () => {
      const { host, consolePage, console: consoleHandle } = await connectRig();
      await host.publish('ContactPad__c', { action: 'openTab', recordId: ACCOUNT_ID });
      expect(consolePage.published).to.deep.equal([{ channelName: 'ContactPad__c', message: { action: 'openTab', recordId: ACCOUNT_ID } }]);

      const received: unknown[] = [];
      let delivered!: () => void;
      const arrived = new Promise<void>((resolve) => { delivered = resolve; });
      await host.subscribe('ContactPad__c', (message) => { received.push(message); delivered(); });
      expect(consoleHandle.pushMessage('Other__c', { no: true })).to.equal(false);
      expect(consoleHandle.pushMessage('ContactPad__c', { tabFocused: ACCOUNT_ID })).to.equal(true);
      await arrived;
      expect(received).to.deep.equal([{ tabFocused: ACCOUNT_ID }]);
    });

    it('unsubscribes with the subscription Open CTI handed back: the console drops it and delivery stops', async () => {
      const { host, console: consoleHandle } = await connectRig();
      const received: unknown[] = [];
      const subscription = await host.subscribe('ContactPad__c', (message) => received.push(message));
      expect(consoleHandle.subscribedChannels()).to.deep.equal(['ContactPad__c']);
      await subscription.unsubscribe();
      expect(consoleHandle.subscribedChannels()).to.deep.equal([]);
      expect(consoleHandle.pushMessage('ContactPad__c', { tabFocused: ACCOUNT_ID })).to.equal(false);
      await host.isPanelVisible(); // a round trip: anything in flight has arrived
      expect(received).to.deep.equal([]);
    });

    it('rejects HOST_REQUEST_FAILED naming the errors when subscribe answers success: false', async () => {
      const { host, consolePage, console: consoleHandle } = await connectRig();
      consolePage.refusals = { subscribe: 'No Lightning message channel named ContactPad__c is exposed to this app' };
      const error = await expectHostError(host.subscribe('ContactPad__c', () => {}), 'HOST_REQUEST_FAILED');
      expect(error.message).to.equal('Open CTI subscribe failed: GENERIC_ERROR: No Lightning message channel named ContactPad__c is exposed to this app');
      expect(consoleHandle.subscribedChannels()).to.deep.equal([]);
    });

    it('keeps working without the console bridge when subscribe is refused: the bridge is missing, pops still open', async () => {
      const { host, consolePage } = await connectRig();
      consolePage.refusals = { subscribe: 'No Lightning message channel named ContactPad__c is exposed to this app' };
      let bridge: ConsoleBridge | undefined;
      const warnings = await capturingWarnings(async () => {
        bridge = await ConsoleBridge.connect(host, { event: () => {} }, { helloTimeoutMs: 50 });
      });
      expect(bridge?.state).to.equal('missing');
      expect(String(warnings[0])).to.contain('GENERIC_ERROR: No Lightning message channel named ContactPad__c is exposed to this app');
      expect(consolePage.published, 'no hello is published into a channel ContactPad cannot hear').to.deep.equal([]);
      await host.screenPopRecord(ACCOUNT_ID);
      expect(consolePage.pops).to.deep.equal([{ type: 'SOBJECT', params: { recordId: ACCOUNT_ID } }]);
    });

    it('still listens when subscribe succeeds without result.subscription (not documented), and says why it cannot unsubscribe', async () => {
      const { host, opencti, console: consoleHandle } = await connectRig();
      const subscribe = opencti.subscribe.bind(opencti);
      // Bad input: a console whose subscribe answer lacks the documented `subscription` field.
      (opencti as { subscribe: OpenCti['subscribe'] }).subscribe = (args) => subscribe({ ...args, callback: (result) => args.callback?.({ success: result.success, errors: result.errors }) });
      const received: unknown[] = [];
      let subscription: Awaited<ReturnType<OpenCtiHost['subscribe']>> | undefined;
      const warnings = await capturingWarnings(async () => {
        subscription = await host.subscribe('ContactPad__c', (message) => received.push(message));
      });
      expect(String(warnings[0])).to.contain('without result.subscription');
      consoleHandle.pushMessage('ContactPad__c', { hello: true });
      await host.isPanelVisible();
      expect(received).to.deep.equal([{ hello: true }]);
      const error = await expectHostError(subscription!.unsubscribe(), 'HOST_REQUEST_FAILED');
      expect(error.message).to.contain('without result.subscription');
    });

    it('rejects HOST_REQUEST_FAILED naming the errors when publish is refused', async () => {
      const { host, consolePage } = await connectRig();
      consolePage.refusals = { publish: 'Message channel not available' };
      const error = await expectHostError(host.publish('ContactPad__c', { hello: true }), 'HOST_REQUEST_FAILED');
      expect(error.message).to.equal('Open CTI publish failed: GENERIC_ERROR: Message channel not available');
    });
  });
});
