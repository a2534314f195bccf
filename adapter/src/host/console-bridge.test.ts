import { expect } from '@open-wc/testing';
import { BRIDGE_PROTOCOL_VERSION, bridgeEvent, type BridgeEvent, type BridgeWork } from './console-bridge-protocol.ts';
import { cleanUpBridgeRigs, connectBridgeRig as connectRig, expectBridgeError, recordId, silentHello } from '../../test-support/console-bridge-rig.ts';
import { presenceStatus } from '../../test-support/local-console.ts';
import { capturingWarnings } from '../../test-support/warnings.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;
declare const afterEach: (body: () => void | Promise<void>) => void;

/*
 * ContactPad's side of the console bridge (ConsoleBridge) over Open CTI publish/subscribe, with
 * the SHIPPED bridge on the other side: force-app's ContactPadConsoleBridge Aura component run
 * by the local console's Aura runtime over the workspace API, Omni-Channel toolkit and message
 * channel fakes (the rig: adapter/test-support/console-bridge-rig.ts). Hostile and silent
 * senders, which the shipped bridge never is, are played by raw messages pushed on the channel.
 */

const MESSAGING_SESSION_ID = '0Mw000000000001AAA';
const CHAT_ID = '570000000000001AAA';
const AVAILABLE = presenceStatus('Available');
const BUSY = presenceStatus('Busy');

afterEach(cleanUpBridgeRigs);

describe('ConsoleBridge over Open CTI publish/subscribe, with the shipped bridge', () => {
  describe('connecting', () => {
    it('connects when the utility-bar bridge answers hello, with its tabs, works and presence', async () => {
      let caseId = '';
      const { bridge, page, workspace } = await connectRig({
        before: async (rig) => {
          caseId = await recordId(rig.orgId, 'Case');
          await rig.workspace.openRecord(caseId);
          rig.omni.presence.set(AVAILABLE, 'user');
          rig.omni.route({ workItemId: MESSAGING_SESSION_ID, kind: 'messaging', customerName: '' });
        },
      });
      expect(bridge.state).to.equal('connected');
      expect(bridge.capabilities).to.deep.equal(['tabs', 'omni']);
      expect(bridge.snapshot.tabs).to.deep.equal([{ tabId: workspace.activeTab.key, recordId: caseId, objectType: 'Case', title: workspace.activeTab.title, focused: true }]);
      expect(bridge.snapshot.works.map((work) => [work.workItemId, work.accepted])).to.deep.equal([[MESSAGING_SESSION_ID, false]]);
      expect(bridge.snapshot.presence).to.deep.equal({ statusId: AVAILABLE.id, statusName: 'Available' });
      expect(page.requests.map((r) => r.kind)).to.deep.equal(['hello']);
      expect(page.requests[0]?.version, 'the version a deployed bridge must speak: a bump is a conscious change here').to.equal(2);
    });

    it('resolves as missing when no bridge answers, and refuses tab and Omni-Channel requests saying they are off', async () => {
      const { bridge, page } = await connectRig({ shipped: false, helloTimeoutMs: 300 });
      expect(bridge.state).to.equal('missing');
      const error = await expectBridgeError(bridge.openRecordTab(CHAT_ID));
      expect(error.message).to.contain('tab sync and Omni-Channel are off');
      await expectBridgeError(bridge.acceptWork('0Bz000000000001AAA'));
      expect(page.requests.map((r) => r.kind)).to.deep.equal(['hello']);
    });

    it('connects a bridge that starts after ContactPad, when it says hello on its own', async () => {
      const { bridge, heard, startShipped, orgId } = await connectRig({ shipped: false, helloTimeoutMs: 300 });
      expect(bridge.state).to.equal('missing');
      await startShipped();
      await heard.until(() => heard.states.length > 0);
      expect(heard.states).to.deep.equal(['connected']);
      expect(bridge.state).to.equal('connected');
      const caseId = await recordId(orgId, 'Case');
      const opened = await bridge.openRecordTab(caseId);
      expect(opened.body.tab.recordId).to.equal(caseId);
    });

    it('resolves as missing, without throwing, when the console offers no message service', async () => {
      const warnings = await capturingWarnings(async () => {
        const { bridge } = await connectRig({ withoutMessageService: true, shipped: false, helloTimeoutMs: 300 });
        expect(bridge.state).to.equal('missing');
      });
      expect(warnings.join('\n')).to.contain('tab sync and Omni-Channel are off');
    });
  });

  describe('console tabs (workspace API through the bridge)', () => {
    it('opens a record tab and settles with its tab id, record and object type; the listener hears it too', async () => {
      const { bridge, page, heard, orgId, workspace } = await connectRig();
      const caseId = await recordId(orgId, 'Case');
      const opened = await bridge.openRecordTab(caseId, true);
      expect(opened.body.tab).to.deep.include({ recordId: caseId, objectType: 'Case', focused: true });
      expect(opened.body.tab.tabId).to.equal(workspace.activeTab.key);
      expect(page.requests[1]).to.deep.include({ kind: 'openTab', body: { recordId: caseId, focus: true } });
      expect(opened.replyTo).to.equal(page.requests[1]?.id);
      expect(heard.events.some((event) => event === opened || (event.kind === 'tabOpened' && event.replyTo === opened.replyTo))).to.equal(true);
    });

    it('focuses and closes a tab by its id', async () => {
      const { bridge, orgId, workspace } = await connectRig();
      const caseId = await recordId(orgId, 'Case');
      const leadId = await recordId(orgId, 'Lead');
      const first = await bridge.openRecordTab(caseId, true);
      await bridge.openRecordTab(leadId, true);
      const focused = await bridge.focusTab(first.body.tab.tabId);
      expect(focused.body.tab).to.deep.include({ tabId: first.body.tab.tabId, recordId: caseId, focused: true });
      expect(workspace.activeTab.key).to.equal(first.body.tab.tabId);
      const closed = await bridge.closeTab(first.body.tab.tabId);
      expect(closed.body).to.deep.equal({ tabId: first.body.tab.tabId, recordId: caseId });
      expect(workspace.tabByKey(first.body.tab.tabId)).to.equal(undefined);
    });

    it('rejects HOST_REQUEST_FAILED with the bridge\'s message when the console refuses', async () => {
      const { bridge } = await connectRig();
      const error = await expectBridgeError(bridge.focusTab('ctab9'));
      expect(error.message).to.contain('No workspace tab has the id ctab9');
    });

    it('rejects HOST_REQUEST_FAILED when the bridge never answers, instead of waiting forever', async () => {
      const { bridge, page } = await connectRig({ shipped: false, requestTimeoutMs: 150, before: async (rig) => void setTimeout(() => rig.page.send(silentHello()), 50) });
      expect(bridge.state).to.equal('connected');
      const error = await expectBridgeError(bridge.closeTab('ctab0'));
      expect(error.message).to.contain('did not answer within 150 ms');
      expect(page.requests.map((r) => r.kind)).to.deep.equal(['hello', 'closeTab']);
    });

    it('refuses a record id or tab id of the wrong form without sending anything', async () => {
      const { bridge, page } = await connectRig();
      const error = await expectBridgeError(bridge.openRecordTab('javascript:alert(1)'));
      expect(error.message).to.contain('openTab.recordId is not a Salesforce id');
      await expectBridgeError(bridge.focusTab('ctab 0"'));
      await expectBridgeError(bridge.declineWork('0Bz000000000001AAA', 'x'.repeat(300)));
      expect(page.requests.map((r) => r.kind)).to.deep.equal(['hello']);
    });

    it('hears tabs the agent focuses or closes in the console', async () => {
      const { bridge, heard, orgId, workspace } = await connectRig();
      const caseId = await recordId(orgId, 'Case');
      const tab = await bridge.openRecordTab(caseId, false);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const before = heard.events.length;
      workspace.focusTab(tab.body.tab.tabId);
      await heard.until(() => heard.kinds().slice(before).includes('tabFocused'));
      workspace.closeTab(tab.body.tab.tabId);
      await heard.until(() => heard.kinds().slice(before).includes('tabClosed'));
      const unasked = heard.events.slice(before).filter((event) => event.replyTo === undefined);
      expect(unasked.map((event) => event.kind)).to.deep.equal(['tabFocused', 'tabClosed']);
      expect(unasked[0]!.kind === 'tabFocused' && unasked[0]!.body.tab).to.deep.include({ tabId: tab.body.tab.tabId, recordId: caseId, objectType: 'Case', focused: true });
      expect(unasked[1]!.body).to.deep.equal({ tabId: tab.body.tab.tabId, recordId: caseId });
    });

    it('does not report a tab focused after it was closed, when the agent closes it while the console still describes it', async () => {
      const { bridge, heard, orgId, workspace } = await connectRig();
      const tab = await bridge.openRecordTab(await recordId(orgId, 'Case'), false);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const before = heard.events.length;
      workspace.focusTab(tab.body.tab.tabId);
      workspace.closeTab(tab.body.tab.tabId);
      await heard.until(() => heard.kinds().slice(before).includes('tabClosed'));
      // A round trip: the bridge answers requests in order, after the description it was still reading.
      await bridge.sync();
      expect(heard.events.slice(before).map((event) => event.kind).filter((kind) => kind !== 'hello')).to.deep.equal(['tabClosed']);
    });
  });

  describe('Omni-Channel work and presence', () => {
    it('delivers an assigned work item once, even when Omni-Channel repeats the assignment', async () => {
      const { bridge, heard, omni, shipped } = await connectRig();
      const first = omni.route({ workItemId: MESSAGING_SESSION_ID, kind: 'messaging', customerName: '' });
      // Omni-Channel says the first assignment again: the toolkit's event fires once more.
      shipped()!.runtime.fireApplicationEvent('lightning:omniChannelWorkAssigned', { workItemId: MESSAGING_SESSION_ID, workId: first.workId });
      const second = omni.route({ workItemId: CHAT_ID, kind: 'chat', customerName: '' });
      await heard.until(() => heard.kinds().filter((k) => k === 'workAssigned').length === 2);
      await bridge.sync(); // a round trip: a third workAssigned would have come before its answer
      const assigned = heard.events.filter((e): e is Extract<BridgeEvent, { kind: 'workAssigned' }> => e.kind === 'workAssigned');
      expect(assigned.map((e) => e.body.work)).to.deep.equal([
        { workId: first.workId, workItemId: MESSAGING_SESSION_ID, accepted: false },
        { workId: second.workId, workItemId: CHAT_ID, accepted: false },
      ]);
    });

    it('does not deliver again a work item the bridge already listed in its hello', async () => {
      let listed: BridgeWork | undefined;
      const { heard, bridge, omni } = await connectRig({
        before: async (rig) => {
          const item = rig.omni.route({ workItemId: MESSAGING_SESSION_ID, kind: 'messaging', customerName: '' });
          rig.omni.work.accept(item.workId, 'agent');
          listed = { workId: item.workId, workItemId: item.workItemId, accepted: true };
        },
      });
      expect(bridge.snapshot.works).to.deep.equal([listed]);
      omni.presence.set(BUSY, 'user');
      await heard.until(() => heard.kinds().includes('presenceChanged'));
      expect(heard.kinds()).to.deep.equal(['hello', 'presenceChanged']);
    });

    it('accepts, declines with a reason and closes work, settling on the bridge\'s replies', async () => {
      const { bridge, page, omni } = await connectRig();
      const one = omni.route({ workItemId: MESSAGING_SESSION_ID, kind: 'messaging', customerName: '' });
      const two = omni.route({ workItemId: CHAT_ID, kind: 'chat', customerName: '' });
      const accepted = await bridge.acceptWork(one.workId);
      expect(accepted.body).to.deep.equal({ workId: one.workId, workItemId: MESSAGING_SESSION_ID });
      const declined = await bridge.declineWork(two.workId, 'Not my language');
      expect(declined.kind).to.equal('workDeclined');
      expect(page.requests.find((r) => r.kind === 'declineWork')?.body).to.deep.equal({ workId: two.workId, reason: 'Not my language' });
      expect(omni.work.find(two.workId)).to.include({ state: 'declined', declineReason: 'Not my language' });
      const closed = await bridge.closeWork(one.workId);
      expect(closed.kind).to.equal('workClosed');
    });

    it('tells the listener once when an accepted work is reported twice (the reply and Omni-Channel\'s own event)', async () => {
      const { bridge, heard, omni } = await connectRig();
      const work = omni.route({ workItemId: MESSAGING_SESSION_ID, kind: 'messaging', customerName: '' });
      await heard.until(() => heard.kinds().includes('workAssigned'));
      await bridge.acceptWork(work.workId);
      await bridge.closeWork(work.workId);
      await bridge.sync();
      expect(heard.kinds()).to.deep.equal(['hello', 'workAssigned', 'workAccepted', 'workClosed', 'hello']);
    });

    it('accepts idempotently: work Omni-Channel accepted on its own settles as accepted', async () => {
      const { bridge, heard, omni } = await connectRig();
      omni.autoAccept = true;
      const work = omni.route({ workItemId: MESSAGING_SESSION_ID, kind: 'messaging', customerName: '' });
      await heard.until(() => heard.kinds().includes('workAccepted'));
      const accepted = await bridge.acceptWork(work.workId);
      expect(accepted.body).to.deep.equal({ workId: work.workId, workItemId: MESSAGING_SESSION_ID });
      expect(heard.kinds()).to.deep.equal(['hello', 'workAssigned', 'workAccepted']);
    });

    it('rejects accept when Omni-Channel cannot deliver the work, and tells the listener so the item leaves the list', async () => {
      const { bridge, heard, omni } = await connectRig();
      const work = omni.route({ workItemId: MESSAGING_SESSION_ID, kind: 'messaging', customerName: '' });
      await heard.until(() => heard.kinds().includes('workAssigned'));
      omni.cannotDeliver(work.workId);
      const error = await expectBridgeError(bridge.acceptWork(work.workId));
      expect(error.message).to.contain('could not be delivered');
      expect(heard.events.at(-1)).to.deep.include({ kind: 'workDeliveryFailed' });
      // Omni-Channel may route the same record back later as a new assignment: it is delivered.
      omni.route({ workItemId: MESSAGING_SESSION_ID, kind: 'messaging', customerName: '' });
      await heard.until(() => heard.kinds().filter((k) => k === 'workAssigned').length === 2);
    });

    it('sets the presence status or logs out of Omni-Channel, and hears presence changed in the console', async () => {
      const { bridge, heard, omni } = await connectRig();
      expect((await bridge.setPresence(BUSY.id)).body).to.deep.equal({ statusId: BUSY.id, statusName: 'Busy' });
      expect((await bridge.setPresence(null)).body).to.deep.equal({ statusId: null, statusName: 'Offline' });
      omni.presence.set(AVAILABLE, 'user');
      await heard.until(() => heard.events.some((event) => event.kind === 'presenceChanged' && event.replyTo === undefined));
      expect(heard.events.at(-1)?.body).to.deep.equal({ statusId: AVAILABLE.id, statusName: 'Available' });
      expect(omni.presence.current.apiName).to.equal('Available');
    });

    it('asks the bridge again for its state with sync()', async () => {
      const { bridge, workspace, orgId } = await connectRig();
      expect(bridge.snapshot.tabs).to.deep.equal([]);
      await workspace.openRecord(await recordId(orgId, 'Case'));
      const hello = await bridge.sync();
      expect(hello.body.tabs.map((t) => t.tabId)).to.deep.equal([workspace.activeTab.key]);
      expect(bridge.snapshot.tabs.map((t) => t.tabId)).to.deep.equal([workspace.activeTab.key]);
    });
  });

  describe('bad messages on the channel (a hostile sender beside the shipped bridge)', () => {
    it('ignores malformed and unknown-version messages with a logged reason, and keeps working', async () => {
      const { bridge, page, heard, omni } = await connectRig();
      const work = { workId: '0Bz000000000009AAA', workItemId: CHAT_ID, accepted: false };
      const warnings = await capturingWarnings(async () => {
        page.send({ ...bridgeEvent('workAssigned', 'b-1', { work }), version: BRIDGE_PROTOCOL_VERSION + 1 });
        page.send(bridgeEvent('workAssigned', 'b-2', { work: { ...work, workItemId: 'not-an-id' } }));
        page.send('workAssigned');
        page.send({ version: BRIDGE_PROTOCOL_VERSION, source: 'bridge', kind: 'selfDestruct', id: 'b-3', body: {} });
        page.send(null);
        await bridge.setPresence(BUSY.id);
      });
      const ours = warnings.filter((warning) => warning.startsWith('ContactPad: ignored'));
      expect(ours).to.have.length(5);
      expect(ours[0]).to.contain(`unsupported protocol version ${BRIDGE_PROTOCOL_VERSION + 1}`);
      expect(ours[1]).to.contain('workAssigned.work.workItemId is not a Salesforce id');
      expect(ours[3]).to.contain('unknown event kind "selfDestruct"');
      expect(heard.kinds()).to.deep.equal(['hello', 'presenceChanged']);
      expect(omni.presence.current.apiName).to.equal('Busy');
    });

    it('does not hear its own requests, echoed back by the message channel, as events', async () => {
      const { bridge, heard, orgId } = await connectRig();
      const warnings = await capturingWarnings(async () => {
        await bridge.openRecordTab(await recordId(orgId, 'Case'));
      });
      expect(warnings).to.deep.equal([]);
      expect(heard.kinds()).to.include('tabOpened');
      expect(heard.kinds().every((kind) => ['hello', 'tabOpened', 'tabFocused'].includes(kind)), heard.kinds().join()).to.equal(true);
    });

    it('ignores a reply to a request it did not send, and keeps a listener failure from breaking the bridge', async () => {
      const { bridge, page, heard, orgId } = await connectRig();
      const original = heard.event.bind(heard);
      heard.event = (event) => {
        original(event);
        if (event.kind === 'tabFocused') throw new Error('listener bug');
      };
      const caseId = await recordId(orgId, 'Case');
      const warnings = await capturingWarnings(async () => {
        page.send(bridgeEvent('error', 'b-1', { message: 'stale' }, 'someone-else-1'));
        const tab = await bridge.openRecordTab(caseId);
        await heard.until(() => heard.kinds().includes('tabFocused'));
        await bridge.closeTab(tab.body.tab.tabId);
      });
      expect(warnings.join('\n')).to.contain('unknown request: stale');
      expect(warnings.join('\n')).to.contain('listener bug');
      expect(heard.kinds()).to.include('tabClosed');
    });

    it('fails pending requests and hears nothing more once closed', async () => {
      const { bridge, page, heard } = await connectRig({ shipped: false, before: async (rig) => void setTimeout(() => rig.page.send(silentHello()), 50) });
      const failed = expectBridgeError(bridge.acceptWork('0Bz000000000001AAA'));
      await bridge.close();
      const error = await failed;
      expect(error.message).to.contain('stopped listening');
      expect(page.send(bridgeEvent('workAssigned', 'b-1', { work: { workId: '0Bz000000000001AAA', workItemId: CHAT_ID, accepted: false } }))).to.equal(false);
      expect(heard.kinds()).to.deep.equal(['hello']);
    });
  });
});
