/**
 * ContactPad's Service Cloud Voice connector through Salesforce's real connector base
 * (scv-connector-base): the test plays only Salesforce's container (test-support/scv-container.ts),
 * ContactPad runs as the connector page runs it, on the suite's Kamailio and the fake org. Set up,
 * what Salesforce is told of ContactPad (capabilities, contacts), and the commands that cannot be
 * carried out, each answered with Salesforce's error.
 */
import { expect } from '@open-wc/testing';
import { scv } from './scv-base.ts';
import { CONTACTPAD_CAPABILITIES } from './scv-capabilities.ts';
import { constants, installScvAgent, online, scvConfig, startScvAgent, stopScvAgents, ScvContainer } from '../../../test-support/scv-container.ts';
import { waitFor } from '../../../test-support/wait-for.ts';

const { MESSAGE_TYPE, EVENT_TYPE, ERROR_TYPE, INFO_TYPE, CAPABILITIES_TYPE, PARTICIPANT_TYPE, AGENT_CONFIG_TYPE } = constants;

/** The ERROR events' messages (Salesforce's error types) from index `from` on. */
function errors(container: ScvContainer, from = 0): string[] {
  return container.events().slice(from).filter((event) => event.type === EVENT_TYPE.ERROR).map((event) => String(event.payload?.message));
}

describe('ContactPad as a Service Cloud Voice connector (through scv-connector-base)', () => {
  afterEach(stopScvAgents);

  it('speaks the message and event types of the package it runs with: its exported constants are the strings its base posts', () => {
    for (const name of ['CALL_STARTED', 'CALL_CONNECTED', 'HANGUP', 'PARTICIPANT_CONNECTED', 'PARTICIPANT_REMOVED', 'AFTER_CALL_WORK_STARTED'] as const) {
      expect(scv.Constants.EVENT_TYPE[name], name).to.equal(EVENT_TYPE[name]);
    }
    for (const name of ['GENERIC_ERROR', 'INVALID_PARTICIPANT', 'INVALID_DESTINATION', 'INVALID_PARAMS', 'INVALID_AGENT_STATUS'] as const) {
      expect(scv.Constants.ERROR_TYPE[name], name).to.equal(ERROR_TYPE[name]);
    }
    expect(scv.Constants.PARTICIPANT_TYPE.INITIAL_CALLER).to.equal(PARTICIPANT_TYPE.INITIAL_CALLER);
    expect(scv.Constants.PARTICIPANT_TYPE.THIRD_PARTY).to.equal(PARTICIPANT_TYPE.THIRD_PARTY);
  });

  it('is set up by Salesforce, not by a SETUP_CONNECTOR from another origin (ignored, and the connector still listens for the real one)', async () => {
    const { wsUrl } = await installScvAgent();
    const stranger = new ScvContainer();
    stranger.setUp(scvConfig(wsUrl), 'https://contactpad-test.lightning.force.com.evil.example');
    const salesforce = new ScvContainer();
    salesforce.setUp(scvConfig(wsUrl));
    const ready = await salesforce.ready();
    expect(stranger.posted, 'nothing answers a stranger').to.deep.equal([]);

    // What ContactPad does, and every capability the base would default on that it does not: off.
    expect(ready['capabilities']).to.deep.equal({
      [CAPABILITIES_TYPE.MUTE]: true,
      [CAPABILITIES_TYPE.RECORD]: false,
      [CAPABILITIES_TYPE.MERGE]: false,
      [CAPABILITIES_TYPE.SWAP]: false,
      [CAPABILITIES_TYPE.SIGNED_RECORDING_URL]: false,
      [CAPABILITIES_TYPE.DEBUG_ENABLED]: false,
      [CAPABILITIES_TYPE.CONTACT_SEARCH]: true,
      [CAPABILITIES_TYPE.VENDOR_PROVIDED_AVAILABILITY]: false,
      [CAPABILITIES_TYPE.VENDOR_PROVIDED_QUEUE_WAIT_TIME]: false,
      [CAPABILITIES_TYPE.SUPERVISOR_LISTEN_IN]: false,
      [CAPABILITIES_TYPE.SUPERVISOR_BARGE_IN]: false,
      [CAPABILITIES_TYPE.MOS]: false,
      [CAPABILITIES_TYPE.BLIND_TRANSFER]: true,
      [CAPABILITIES_TYPE.TRANSFER_TO_OMNI_FLOW]: false,
      [CAPABILITIES_TYPE.PENDING_STATUS_CHANGE]: false,
      [CAPABILITIES_TYPE.PHONEBOOK]: false,
    });
    expect(Object.keys(CONTACTPAD_CAPABILITIES)).to.have.length(16);
    expect(ready['agentConfig']).to.deep.equal({ [AGENT_CONFIG_TYPE.PHONES]: ['SOFT_PHONE'], [AGENT_CONFIG_TYPE.SELECTED_PHONE]: { type: 'SOFT_PHONE', number: undefined } });
    expect(ready['callInProgress']).to.equal(null);
    expect(salesforce.types(), 'no login frame: nothing for the agent to enter').to.not.include(EVENT_TYPE.SHOW_LOGIN);
    salesforce.send(MESSAGE_TYPE.LOGOUT);
    await salesforce.event(EVENT_TYPE.LOGOUT_RESULT);
  });

  it('refuses a set up whose SIP server is no WebSocket URL (INVALID_PARAMS): Salesforce says so at once, not at the first call', async () => {
    const { wsUrl } = await installScvAgent();
    const container = new ScvContainer();
    container.setUp({ ...scvConfig(wsUrl), '/ContactPad/sipServerUrl': 'http://sip.example.com' });
    await container.event(EVENT_TYPE.ERROR);
    expect(errors(container)).to.deep.equal([ERROR_TYPE.INVALID_PARAMS]);
    expect(JSON.stringify(container.logs())).to.include('[INVALID_CONFIGURATION]');
    expect(container.posted.some((message) => message.type === MESSAGE_TYPE.CONNECTOR_READY), 'never ready').to.equal(false);
  });

  it('tells Salesforce\'s log what it would have told the agent: a call center item it cannot use, with its code (the connector still sets up)', async () => {
    const { container } = await startScvAgent({ config: (wsUrl) => ({ ...scvConfig(wsUrl), '/ContactPad/noAnswerSeconds': 'soon' }) });
    await waitFor('the notice in the log', () => container.logs().find((log) => log.eventType === 'CONTACTPAD_NOTICE'));
    const notice = container.logs().find((log) => log.eventType === 'CONTACTPAD_NOTICE');
    expect(notice?.isError).to.equal(true);
    expect(notice?.payload).to.deep.include({ code: 'INVALID_CONFIGURATION' });
    expect(JSON.stringify(notice?.payload)).to.include('noAnswerSeconds');
  });

  it('answers commands for calls it does not have with Salesforce\'s errors, and keeps working', async () => {
    const { container } = await startScvAgent();
    await online(container);
    const unknown = { callId: 'no-such-call', callAttributes: { participantType: 'Nobody' } };
    container.send(MESSAGE_TYPE.HOLD, { call: unknown });
    await container.event(EVENT_TYPE.ERROR);
    container.send(MESSAGE_TYPE.RESUME, { call: { callAttributes: { participantType: PARTICIPANT_TYPE.THIRD_PARTY } } });
    await container.event(EVENT_TYPE.ERROR, 0, 2);
    container.send(MESSAGE_TYPE.END_CALL, { call: unknown });
    await container.event(EVENT_TYPE.ERROR, 0, 3);
    container.send(MESSAGE_TYPE.DECLINE_CALL, { call: { callId: 'no-such-call' } });
    await container.event(EVENT_TYPE.ERROR, 0, 4);
    container.send(MESSAGE_TYPE.ACCEPT_CALL, { call: null });
    const info = await container.event(EVENT_TYPE.INFO);
    container.send(MESSAGE_TYPE.MUTE);
    await container.event(EVENT_TYPE.ERROR, 0, 5);

    expect(errors(container)).to.deep.equal([
      ERROR_TYPE.INVALID_PARTICIPANT,
      ERROR_TYPE.INVALID_PARTICIPANT,
      ERROR_TYPE.CAN_NOT_END_THE_CALL,
      ERROR_TYPE.CAN_NOT_DECLINE_THE_CALL,
      ERROR_TYPE.CAN_NOT_MUTE_CALL,
    ]);
    expect(info.payload.message, 'an accept that cannot be done is an info').to.equal(INFO_TYPE.CAN_NOT_ACCEPT_THE_CALL);
    expect(JSON.stringify(container.logs().filter((log) => log.isError)), 'ContactPad\'s own code in Salesforce\'s log').to.include('[CALL_NOT_FOUND]');
    expect(container.types().filter((type) => type !== EVENT_TYPE.ERROR && type !== EVENT_TYPE.INFO && type !== EVENT_TYPE.SET_AGENT_STATUS_RESULT), 'no call event').to.deep.equal([]);
  });

  it('a DIAL while the phone is not registered (the agent Offline) fails: CALL_FAILED and CAN_NOT_START_THE_CALL', async () => {
    const { container } = await startScvAgent();
    container.send(MESSAGE_TYPE.DIAL, { contact: { phoneNumber: '+14155550100' } });
    await container.event(EVENT_TYPE.ERROR);
    expect(container.types()).to.deep.equal([EVENT_TYPE.CALL_FAILED, EVENT_TYPE.ERROR]);
    expect(errors(container)).to.deep.equal([ERROR_TYPE.CAN_NOT_START_THE_CALL]);
    expect(JSON.stringify(container.logs())).to.include('[SIP_SERVER_UNREACHABLE]');
  });

  it('an unknown agent status is refused (INVALID_AGENT_STATUS, SET_AGENT_STATUS_RESULT false); Offline unregisters', async () => {
    const { container } = await startScvAgent();
    await online(container);
    container.send(MESSAGE_TYPE.SET_AGENT_STATUS, { agentStatus: 'Dancing', statusInfo: { statusId: '0N5000000000009' } });
    await container.event(EVENT_TYPE.ERROR);
    expect(container.types(1)).to.deep.equal([EVENT_TYPE.SET_AGENT_STATUS_RESULT, EVENT_TYPE.ERROR]);
    expect(container.events()[1]?.payload).to.deep.equal({ success: false });
    expect(errors(container)).to.deep.equal([ERROR_TYPE.INVALID_AGENT_STATUS]);
    container.send(MESSAGE_TYPE.SET_AGENT_STATUS, { agentStatus: constants.AGENT_STATUS.OFFLINE, statusInfo: { statusId: '0N5000000000002' } });
    await container.event(EVENT_TYPE.SET_AGENT_STATUS_RESULT, 0, 3);
    expect(container.events()[3]?.payload).to.deep.equal({ success: true });
  });

  it('lists the directory\'s agents with a ContactPad phone and its services as phone contacts, filtered as Salesforce asks', async () => {
    const { container } = await startScvAgent();
    container.send(MESSAGE_TYPE.GET_PHONE_CONTACTS, { filter: { contains: 'jor', types: ['AGENT'] } });
    const found = await container.event(EVENT_TYPE.PHONE_CONTACTS);
    expect(found.payload.contacts.map((contact: { name: string; type: string; id: string }) => [contact.name, contact.type, contact.id])).to.deep.equal([
      ['Jordan Lee', constants.CONTACT_TYPE.AGENT, '005000000000002AAA'],
    ]);
    expect(found.payload.contactTypes).to.deep.equal([constants.CONTACT_TYPE.AGENT, constants.CONTACT_TYPE.QUEUE, constants.CONTACT_TYPE.PHONENUMBER]);
    container.send(MESSAGE_TYPE.GET_PHONE_CONTACTS, { filter: {} });
    const all = await container.event(EVENT_TYPE.PHONE_CONTACTS, 0, 2);
    const names = all.payload.contacts.map((contact: { name: string }) => contact.name);
    expect(names, 'Sam Rivera has no ContactPad phone').to.not.include('Sam Rivera');
    expect(all.payload.contacts.some((contact: { type: string }) => contact.type === constants.CONTACT_TYPE.QUEUE), 'services as queues').to.equal(true);
    container.send(MESSAGE_TYPE.GET_PHONE_CONTACTS, { filter: { offset: 1, limit: 1 } });
    const page = await container.event(EVENT_TYPE.PHONE_CONTACTS, 0, 3);
    expect(page.payload.contacts.map((contact: { name: string }) => contact.name)).to.deep.equal(names.slice(1, 2));
  });

  it('only the soft phone can be chosen (AGENT_CONFIG_UPDATED); a desk phone is refused', async () => {
    const { container } = await startScvAgent();
    container.send(MESSAGE_TYPE.SET_AGENT_CONFIG, { config: { selectedPhone: { type: 'SOFT_PHONE' } } });
    const updated = await container.event(EVENT_TYPE.AGENT_CONFIG_UPDATED);
    expect(updated.payload).to.deep.equal({ success: true });
    container.send(MESSAGE_TYPE.SET_AGENT_CONFIG, { config: { selectedPhone: { type: 'DESK_PHONE', number: '+14155550100' } } });
    await container.event(EVENT_TYPE.ERROR);
    expect(errors(container)).to.deep.equal([ERROR_TYPE.CAN_NOT_SET_AGENT_CONFIG]);
  });
});
