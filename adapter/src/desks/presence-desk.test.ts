/**
 * Presence: the two-way mapping (PresenceSync) over stand-in ports, and the presence desk over a
 * stand-in console bridge with the real crm room's presence statuses on a fake org.
 */
import { expect } from '@open-wc/testing';
import { initialAgentState, chooseAgentStatus, type AgentState, type AgentStatusChoice } from '../model/agent-state.ts';
import { ContactPadError } from '../model/errors.ts';
import { readPresenceMap, type PresenceStatus } from '../model/presence-map.ts';
import { waitFor } from '../../test-support/wait-for.ts';
import { openConsoleDesks } from './console-desks.ts';
import { PresenceSync } from './presence-desk.ts';
import { RecordingBridge, crmOnFakeOrg, loadedTestDesks, testSettings } from '../../test-support/desk-rig.ts';

const AVAILABLE: PresenceStatus = { id: '0N5000000000001AAA', developerName: 'Available', label: 'Available' };
const BUSY: PresenceStatus = { id: '0N5000000000002AAA', developerName: 'Busy', label: 'Busy' };

function agentIn(choice: AgentStatusChoice): AgentState {
  return chooseAgentStatus(initialAgentState(0), choice, 1);
}

function sync(items: Record<string, string> = {}, statuses: () => Promise<readonly PresenceStatus[]> = async () => [AVAILABLE, BUSY]) {
  const asked: (string | null)[] = [];
  const chosen: AgentStatusChoice[] = [];
  const problems: string[] = [];
  const failSet: Error[] = [];
  const settings = testSettings(items);
  const presence = new PresenceSync({ presenceMap: readPresenceMap(settings.presenceMap, []), presenceLeads: settings.presenceLeads }, {
    setPresence: async (statusId) => {
      asked.push(statusId);
      const failure = failSet.shift();
      if (failure) throw failure;
    },
    statuses,
    choose: (choice) => chosen.push(choice),
    notify: (error) => problems.push(error instanceof ContactPadError ? error.code : String(error)),
  });
  return { presence, asked, chosen, problems, failSet };
}

describe('presence sync', () => {
  it('sets the mapped Omni-Channel presence when the agent state changes, once per change, and leaves unmapped states alone', async () => {
    const { presence, asked } = sync();
    await presence.agentChanged(agentIn({ status: 'ready' }));
    await presence.agentChanged(agentIn({ status: 'ready' }));
    await presence.agentChanged(agentIn({ status: 'not-ready', reason: 'Lunch' }));
    await presence.agentChanged({ ...agentIn({ status: 'ready' }), status: 'busy' });
    await presence.agentChanged(agentIn({ status: 'offline' }));
    expect(asked).to.deep.equal([AVAILABLE.id, BUSY.id, null]);
  });

  it('follows a presence the agent chose in Omni-Channel: Not Ready with the status\'s label, Offline when logged out', async () => {
    const { presence, chosen, asked } = sync();
    await presence.presenceChanged({ statusId: BUSY.id, statusName: 'Busy' });
    await presence.presenceChanged({ statusId: null, statusName: '' });
    expect(chosen).to.deep.equal([{ status: 'not-ready', reason: 'Busy' }, { status: 'offline' }]);
    await presence.agentChanged(agentIn({ status: 'offline' }));
    expect(asked, 'what Omni-Channel already shows is not sent back').to.deep.equal([]);
  });

  it('lets the leading side win when the two first meet', async () => {
    const contactPad = sync();
    await contactPad.presence.start({ statusId: BUSY.id, statusName: 'Busy' }, agentIn({ status: 'ready' }));
    expect(contactPad.asked).to.deep.equal([AVAILABLE.id]);
    const omni = sync({ '/ContactPad/presenceLeads': 'omni-channel' });
    await omni.presence.start({ statusId: BUSY.id, statusName: 'Busy' }, agentIn({ status: 'ready' }));
    expect(omni.asked).to.deep.equal([]);
    expect(omni.chosen).to.deep.equal([{ status: 'not-ready', reason: 'Busy' }]);
  });

  it('says once that the map names a presence the org does not have', async () => {
    const { presence, asked, problems } = sync({}, async () => [BUSY]);
    await presence.agentChanged(agentIn({ status: 'ready' }));
    await presence.agentChanged(agentIn({ status: 'not-ready', reason: 'Lunch' }));
    await presence.agentChanged(agentIn({ status: 'ready' }));
    expect(problems).to.deep.equal(['INVALID_CONFIGURATION']);
    expect(asked).to.deep.equal([BUSY.id]);
  });

  it('tells a failure to read the statuses or to set the presence, and carries on', async () => {
    const unread = sync({}, () => Promise.reject(new ContactPadError('CRM_UNAVAILABLE', 'down')));
    await unread.presence.agentChanged(agentIn({ status: 'offline' }));
    expect(unread.asked, 'Offline needs no status').to.deep.equal([null]);
    expect(unread.problems).to.deep.equal(['CRM_UNAVAILABLE']);
    const refused = sync();
    refused.failSet.push(new ContactPadError('CONSOLE_BRIDGE_MISSING', 'gone'));
    await refused.presence.agentChanged(agentIn({ status: 'ready' }));
    await refused.presence.agentChanged(agentIn({ status: 'ready' }));
    expect(refused.problems).to.deep.equal(['CONSOLE_BRIDGE_MISSING']);
    expect(refused.asked, 'tried again on the next change').to.deep.equal([AVAILABLE.id, AVAILABLE.id]);
  });
});

describe('the presence desk', () => {
  async function floor(items: Record<string, string> = {}) {
    const desks = await loadedTestDesks(items);
    const { crm } = await crmOnFakeOrg(desks);
    const bridge = new RecordingBridge();
    Object.assign(desks.rooms, { crm, bridge });
    const consoleDesks = openConsoleDesks(desks);
    consoleDesks.presence.attach(bridge);
    const statuses = await crm.presenceStatuses();
    const idOf = (name: string) => statuses.find((s) => s.developerName === name)?.id;
    return { ...desks, ...consoleDesks, bridge, idOf };
  }

  it('tells a wrong presenceMap entry once the console desks open (the item is read there), and maps by the rest of it', async () => {
    const desks = await floor({ '/ContactPad/presenceMap': 'ready=Available;lunch=Away;not-ready=Busy' });
    const told = desks.store.snapshot.notices.filter((notice) => notice.message.includes('presenceMap'));
    expect(told.map((notice) => [notice.code, notice.message])).to.deep.equal([
      ['INVALID_CONFIGURATION', '/ContactPad/presenceMap: "lunch" is not a ContactPad agent status (offline, ready, not-ready, busy, wrap-up, cooldown, inactive); the entry is left out.'],
    ]);
    desks.agent.choose({ status: 'ready' });
    desks.agent.choose({ status: 'not-ready', reason: 'Lunch' });
    await waitFor('both set', () => desks.bridge.asked.length === 2);
    expect(desks.bridge.asked).to.deep.equal([`setPresence ${desks.idOf('Available')}`, `setPresence ${desks.idOf('Busy')}`]);
  });

  it('sets Omni-Channel\'s presence as the agent\'s state changes, with the org\'s status ids', async () => {
    const desks = await floor();
    desks.agent.choose({ status: 'ready' });
    desks.agent.choose({ status: 'not-ready', reason: 'Lunch' });
    await waitFor('both set', () => desks.bridge.asked.length === 2);
    expect(desks.bridge.asked).to.deep.equal([`setPresence ${desks.idOf('Available')}`, `setPresence ${desks.idOf('Busy')}`]);
  });

  it('leaves the presence alone while the bridge offers no Omni-Channel', async () => {
    const desks = await floor();
    desks.bridge.capabilities = ['tabs'];
    desks.agent.choose({ status: 'ready' });
    desks.bridge.capabilities = ['tabs', 'omni'];
    desks.agent.choose({ status: 'not-ready', reason: 'Lunch' });
    await waitFor('the second set', () => desks.bridge.asked.length > 0);
    expect(desks.bridge.asked).to.deep.equal([`setPresence ${desks.idOf('Busy')}`]);
  });

  it('follows a presence chosen in the console, not the reply to its own request', async () => {
    const desks = await floor();
    desks.rooms.bridge = desks.bridge;
    desks.agent.choose({ status: 'ready' });
    const seen: string[] = [];
    desks.store.subscribe((snapshot) => seen.push(snapshot.agent.status));
    desks.presence.changed({ statusId: null, statusName: '' }, 'my-request');
    desks.presence.changed({ statusId: desks.idOf('Busy') ?? null, statusName: 'Busy' }, undefined);
    await waitFor('the agent Not Ready', () => desks.store.snapshot.agent.status === 'not-ready');
    expect(desks.store.snapshot.agent.reason).to.equal('Busy');
    expect(seen, 'the reply (handled first, were it handled) took the agent nowhere').to.not.include('offline');
  });

  it('on hello, lets the leading side win (Omni-Channel here)', async () => {
    const desks = await floor({ '/ContactPad/presenceLeads': 'omni-channel' });
    desks.rooms.bridge = desks.bridge;
    desks.agent.choose({ status: 'ready' });
    desks.presence.hello({ statusId: null, statusName: '' });
    await waitFor('the agent Offline', () => desks.store.snapshot.agent.status === 'offline');
  });
});
