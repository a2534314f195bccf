/**
 * Calls under Service Cloud Voice, end to end at the telephony level: Salesforce's container
 * (test-support/scv-container.ts) drives ContactPad through the real scv-connector-base, and
 * ContactPad's real phone takes and places calls on the suite's Kamailio with sip.js customers
 * and colleagues. Each test asserts the exact sequence of telephony events Salesforce receives
 * (the base's own and ContactPad's, each once) and what the far ends see on the wire.
 */
import { expect } from '@open-wc/testing';
import { SessionState, type Inviter } from 'sip.js';
import { constants, online, scvConfig, startScvAgent, stopScvAgents, ScvContainer, type ScvAgent } from '../../../test-support/scv-container.ts';
import { audioDirection, Customer, follow, followWithUriHeaders, serverCommand, sipServer, suiteCredential, uniqueUser, watchFarEnd } from '../../../test-support/sip-calls.ts';
import { DEMO_PRESENCE, fakeOrg } from '../../../test-support/fake-org.ts';
import { DEMO_AGENT_USER_ID } from '../../../test-support/desk-rig.ts';
import { waitFor } from '../../../test-support/wait-for.ts';
import { bootScvRooms } from '../../scv-contactpad.ts';
import { installConnector } from './scv-connector.ts';

const { MESSAGE_TYPE, EVENT_TYPE, PARTICIPANT_TYPE, CALL_STATE, CALL_TYPE } = constants;

/** The demo org's Jordan Lee (a colleague in ContactPad's directory). */
const JORDAN = '005000000000002AAA';
const VOICE_CALL = '0LQ5g000000ABCDGA4';

const colleagues: Customer[] = [];
afterEach(async () => {
  await stopScvAgents();
  for (const colleague of colleagues.splice(0)) await colleague.stop();
});

/** A registered phone (a colleague, a callee) on the suite's Kamailio; `replaces` takes INVITEs with Replaces. */
async function phoneOf(wsUrl: string, user: string, replaces = false): Promise<Customer> {
  const phone = new Customer(wsUrl, user, 'Jordan Lee');
  colleagues.push(phone);
  await phone.start(true, replaces);
  return phone;
}

/** The customer calls the agent with an interaction id and a VoiceCall id; resolves once Salesforce was told it rings. */
async function customerCalls(agent: ScvAgent, voiceCallId = VOICE_CALL) {
  const from = agent.container.events().length;
  const id = uniqueUser('int');
  const { inviter, finalStatus } = agent.customer.call(agent.agentUser, [`X-CP-Interaction-Id: ${id}`, `X-CP-Voice-Call-Id: ${voiceCallId}`, 'X-CP-Queue: Sales']);
  const started = await agent.container.event(EVENT_TYPE.CALL_STARTED, from);
  return { id, inviter, finalStatus, started };
}

/** The customer's call, accepted in Salesforce (ACCEPT_CALL with the call it was told of): 200 OK, CALL_CONNECTED. */
async function acceptedCall(agent: ScvAgent) {
  await online(agent.container);
  const from = agent.container.events().length;
  const call = await customerCalls(agent);
  agent.container.send(MESSAGE_TYPE.ACCEPT_CALL, { call: call.started.payload });
  expect(await call.finalStatus, 'the customer hears 200 OK').to.equal(200);
  await agent.container.event(EVENT_TYPE.CALL_CONNECTED, from);
  await waitFor('the customer to be connected', () => call.inviter.state === SessionState.Established);
  return { ...call, from };
}

/** The events of an accepted call with a consult leg that the colleague answered. */
const CONSULTED = [EVENT_TYPE.CALL_STARTED, EVENT_TYPE.CALL_CONNECTED, EVENT_TYPE.PARTICIPANT_ADDED, EVENT_TYPE.PARTICIPANT_CONNECTED];

/** Salesforce adds the colleague to the call as a consult leg (ADD_PARTICIPANT, not blind); the colleague answers. */
async function consulting(agent: ScvAgent, call: { id: string; from: number }, colleague: Customer) {
  const { container } = agent;
  container.send(MESSAGE_TYPE.ADD_PARTICIPANT, { contact: { phoneNumber: `sip:${colleague.user}@127.0.0.1`, type: constants.CONTACT_TYPE.PHONENUMBER }, call: { callId: call.id }, isBlindTransfer: false });
  const added = await container.event(EVENT_TYPE.PARTICIPANT_ADDED, call.from);
  const consultLeg = await colleague.answer();
  const connected = await container.event(EVENT_TYPE.PARTICIPANT_CONNECTED, call.from);
  expect(connected.payload).to.deep.include({ callId: added.payload.callId, initialCallHasEnded: false });
  return consultLeg;
}

/** A command after everything else, whose answer the test waits for: what Salesforce was told before it is all there is. */
async function fence(container: ScvContainer): Promise<void> {
  const count = container.events().filter((event) => event.type === EVENT_TYPE.PHONE_CONTACTS).length;
  container.send(MESSAGE_TYPE.GET_PHONE_CONTACTS, { filter: { limit: 1 } });
  await container.event(EVENT_TYPE.PHONE_CONTACTS, 0, count + 1);
}

/** The agent's colleague Jordan Lee gets a ContactPad phone of this test's own, before ContactPad starts. */
function jordanAs(user: string): (orgId: string) => Promise<void> {
  return (orgId) => fakeOrg.update(orgId, 'User', JORDAN, { ContactPad_SIP_User__c: user });
}

/**
 * ContactPad's rooms under Service Cloud Voice for an agent of their own on `wsUrl`, as the connector
 * page boots them (scv-contactpad.ts) but without a connector (one per page: the base's), driven
 * by the intents the connector runs for Salesforce's commands; the phone registered (Online).
 */
async function bootedAgent(wsUrl: string) {
  const org = await fakeOrg.createOrg('demo');
  const agentUser = uniqueUser('agent');
  const items = Object.fromEntries(Object.entries(scvConfig(wsUrl)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const board = await bootScvRooms(
    {
      crm: { instanceUrl: org.instanceUrl, accessToken: org.accessToken },
      agent: { userId: DEMO_AGENT_USER_ID, profileId: DEMO_PRESENCE.agentProfile, sipUser: agentUser },
      credentials: () => suiteCredential(agentUser),
    },
    items,
  );
  await board.run({ type: 'set-agent-status', choice: { status: 'ready' } });
  await waitFor('the phone to register', () => board.phone().state === 'registered');
  return { board, agentUser };
}

/** A customer's phone (+1555...: the SIP edge's platform, which keeps its X-CP-* headers) on `wsUrl`. */
async function customerOn(wsUrl: string): Promise<Customer> {
  const customer = new Customer(wsUrl, `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`);
  colleagues.push(customer);
  await customer.start();
  return customer;
}

/** This file's Kamailio with the voice call service and the fake Telephony Integration API beside it (test-commands.ts). */
const VOICE_CALL_EDGE = { name: 'scv-voice-calls' };
/** One VoiceCall the fake Telephony Integration API created (scripts/fake-telephony FakeVoiceCall). */
interface MadeVoiceCall {
  readonly voiceCallId: string;
  readonly initiationMethod: string;
  readonly parentVoiceCallId?: string;
}
const voiceCallEdge = () => serverCommand<{ wsUrl: string }>('sip-server-start', { ...VOICE_CALL_EDGE, voiceCalls: true });
const voiceCallsMade = () => serverCommand<MadeVoiceCall[]>('voice-calls-made', VOICE_CALL_EDGE);

/**
 * At the edge that makes VoiceCalls: the customer calls agent A (ContactPad's rooms, {@link bootedAgent}),
 * whose INVITE comes with the Inbound VoiceCall the edge made; A answers. The colleague is
 * ContactPad's connector under Salesforce's container, Online.
 */
async function transferringAgentWithColleague() {
  const server = await voiceCallEdge();
  const colleague = await startScvAgent({ server });
  await online(colleague.container);
  const a = await bootedAgent(server.wsUrl);
  const customer = await customerOn(server.wsUrl);
  const id = uniqueUser('int');
  const { inviter, finalStatus } = customer.call(a.agentUser, [`X-CP-Interaction-Id: ${id}`]);
  const ringing = await waitFor('the call to ring agent A', () => a.board.calls().find((call) => call.interaction.id === id && call.interaction.state === 'alerting'));
  const inbound = (await voiceCallsMade()).find((made) => made.voiceCallId === ringing.voiceCallId);
  expect(inbound?.initiationMethod, 'the edge made the call\'s VoiceCall and A\'s INVITE named it').to.equal('Inbound');
  await a.board.run({ type: 'accept', interactionId: id });
  expect(await finalStatus).to.equal(200);
  await waitFor('the customer to be connected', () => inviter.state === SessionState.Established);
  return { ...a, colleague, id, inviter, parent: String(ringing.voiceCallId), colleagueAddress: `sip:${colleague.agentUser}@127.0.0.1` };
}

/** The colleague's connector was told the leg rings (CALL_STARTED) with a VoiceCall of its own, a Transfer leg of `parent`. */
async function expectTransferLeg(colleague: ScvAgent, parent: string): Promise<void> {
  const started = await colleague.container.event(EVENT_TYPE.CALL_STARTED);
  expect(started.payload).to.deep.include({ state: CALL_STATE.RINGING, callType: CALL_TYPE.INBOUND });
  const voiceCallId = started.payload.callAttributes.voiceCallId;
  expect(voiceCallId).to.match(/^0LQ/).and.not.equal(parent);
  const made = (await voiceCallsMade()).find((call) => call.voiceCallId === voiceCallId);
  expect(made, 'the fake Telephony Integration API made it').to.deep.include({ initiationMethod: 'Transfer', parentVoiceCallId: parent });
}

describe('calls under Service Cloud Voice (scv-connector-base, Kamailio)', () => {
  it('an inbound call: told ringing with its VoiceCall id, accepted (200 OK), held and resumed (re-INVITEs), muted; the customer\'s BYE is one HANGUP, then After Conversation Work', async () => {
    const agent = await startScvAgent();
    const { container } = agent;
    const { id, inviter, started, from } = await acceptedCall(agent);
    expect(started.payload).to.deep.include({ callId: id, callType: CALL_TYPE.INBOUND, state: CALL_STATE.RINGING });
    expect(started.payload.callAttributes).to.deep.include({ voiceCallId: VOICE_CALL, participantType: PARTICIPANT_TYPE.INITIAL_CALLER });
    expect(started.payload.callInfo).to.deep.include({ queueName: 'Sales', isOnHold: false, isSoftphoneCall: true });

    const far = watchFarEnd(inviter);
    container.send(MESSAGE_TYPE.HOLD, { call: null }); // the guide: hold's call "is always null"
    const held = await container.event(EVENT_TYPE.HOLD_TOGGLE, from);
    expect(held.payload).to.deep.include({ isCustomerOnHold: true, isThirdPartyOnHold: false });
    expect(audioDirection(far.reinvites[0]?.sdp), 'the re-INVITE holds the customer').to.equal('sendonly');
    container.send(MESSAGE_TYPE.RESUME, { call: { callAttributes: { participantType: PARTICIPANT_TYPE.INITIAL_CALLER } } });
    const resumed = await container.event(EVENT_TYPE.HOLD_TOGGLE, from, 2);
    expect(resumed.payload.isCustomerOnHold).to.equal(false);
    expect(audioDirection(far.reinvites[1]?.sdp)).to.equal('sendrecv');
    container.send(MESSAGE_TYPE.MUTE);
    expect((await container.event(EVENT_TYPE.MUTE_TOGGLE, from)).payload).to.deep.equal({ isMuted: true });
    container.send(MESSAGE_TYPE.UNMUTE);
    expect((await container.event(EVENT_TYPE.MUTE_TOGGLE, from, 2)).payload).to.deep.equal({ isMuted: false });

    await inviter.bye();
    const acw = await container.event(EVENT_TYPE.AFTER_CALL_WORK_STARTED, from);
    expect(acw.payload).to.deep.equal({ callId: id });
    container.send(MESSAGE_TYPE.WRAP_UP_CALL, { call: { callId: id } });
    await fence(container);
    expect(container.types(from)).to.deep.equal([
      EVENT_TYPE.CALL_STARTED,
      EVENT_TYPE.CALL_CONNECTED,
      EVENT_TYPE.HOLD_TOGGLE,
      EVENT_TYPE.HOLD_TOGGLE,
      EVENT_TYPE.MUTE_TOGGLE,
      EVENT_TYPE.MUTE_TOGGLE,
      EVENT_TYPE.HANGUP,
      EVENT_TYPE.AFTER_CALL_WORK_STARTED,
      EVENT_TYPE.PHONE_CONTACTS,
    ]);
    const hangup = container.events().slice(from).find((event) => event.type === EVENT_TYPE.HANGUP);
    expect(hangup?.payload[0]).to.deep.include({ callId: id, state: CALL_STATE.ENDED });
  });

  it('a blind transfer to a directory colleague: REFER to their ContactPad phone, the customer reaches them, and Salesforce hears the base\'s one HANGUP (no After Conversation Work)', async () => {
    const jordan = uniqueUser('jordan');
    const agent = await startScvAgent({ orgSetup: jordanAs(jordan) });
    const { container } = agent;
    const colleague = await phoneOf(agent.wsUrl, jordan);
    await fence(container); // the transfer dialog lists the directory first
    const { id, inviter, from } = await acceptedCall(agent);
    const far = watchFarEnd(inviter, follow);
    container.send(MESSAGE_TYPE.ADD_PARTICIPANT, { contact: { id: JORDAN, type: constants.CONTACT_TYPE.AGENT, name: 'Jordan Lee' }, call: { callId: id }, isBlindTransfer: true });
    await container.event(EVENT_TYPE.HANGUP, from);
    expect(far.refers.map((referral) => referral.referTo.uri.aor)).to.deep.equal([`${jordan}@127.0.0.1`]);
    expect(far.refers[0]?.referTo.uri.getHeader('X-CP-Voice-Call-Id'), 'the call\'s VoiceCall goes along (RFC 3261 19.1.5)').to.deep.equal([VOICE_CALL]);
    await colleague.answer();
    await fence(container);
    expect(container.types(from)).to.deep.equal([EVENT_TYPE.CALL_STARTED, EVENT_TYPE.CALL_CONNECTED, EVENT_TYPE.PARTICIPANT_ADDED, EVENT_TYPE.HANGUP, EVENT_TYPE.PHONE_CONTACTS]);
    expect(container.events()[from + 2]?.payload).to.deep.include({ initialCallHasEnded: true, callId: id });
  });

  it('a consult leg (addParticipant): the customer held, PARTICIPANT_ADDED, the colleague answers (PARTICIPANT_CONNECTED), the agent leaves: attended transfer (REFER with Replaces), one HANGUP', async () => {
    const agent = await startScvAgent();
    const { container } = agent;
    const colleague = await phoneOf(agent.wsUrl, uniqueUser('colleague'), true);
    const call = await acceptedCall(agent);
    const { inviter, from } = call;
    const far = watchFarEnd(inviter, follow);
    const consultLeg = await consulting(agent, call, colleague);
    expect(audioDirection(far.reinvites[0]?.sdp), 'the customer waited on hold').to.equal('sendonly');

    container.send(MESSAGE_TYPE.END_CALL, { call: { callAttributes: { participantType: PARTICIPANT_TYPE.AGENT } } });
    const replacing = await waitFor('the customer to call the colleague with Replaces', () => colleague.incoming[1]);
    expect(decodeURIComponent(String(far.refers[0]?.referTo.uri.getHeader('replaces')))).to.contain(consultLeg.request.callId);
    await replacing.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    if (consultLeg.state === SessionState.Established) await consultLeg.bye();
    await container.event(EVENT_TYPE.HANGUP, from);
    await fence(container);
    expect(container.types(from)).to.deep.equal([...CONSULTED, EVENT_TYPE.HANGUP, EVENT_TYPE.PHONE_CONTACTS]);
    await replacing.bye();
  });

  it('the consulted colleague hangs up: one PARTICIPANT_REMOVED, the customer still held; the customer\'s BYE then ends it with one HANGUP', async () => {
    const agent = await startScvAgent();
    const { container } = agent;
    const colleague = await phoneOf(agent.wsUrl, uniqueUser('colleague'));
    const call = await acceptedCall(agent);
    const { inviter, id, from } = call;
    const consultLeg = await consulting(agent, call, colleague);
    await consultLeg.bye();
    await container.event(EVENT_TYPE.PARTICIPANT_REMOVED, from);
    container.send(MESSAGE_TYPE.RESUME, { call: { callId: id } });
    expect((await container.event(EVENT_TYPE.HOLD_TOGGLE, from)).payload).to.deep.include({ isCustomerOnHold: false });
    await inviter.bye();
    await container.event(EVENT_TYPE.AFTER_CALL_WORK_STARTED, from);
    await fence(container);
    expect(container.types(from)).to.deep.equal([
      ...CONSULTED,
      EVENT_TYPE.PARTICIPANT_REMOVED,
      EVENT_TYPE.HOLD_TOGGLE,
      EVENT_TYPE.HANGUP,
      EVENT_TYPE.AFTER_CALL_WORK_STARTED,
      EVENT_TYPE.PHONE_CONTACTS,
    ]);
  });

  it('END_CALL from Salesforce: the customer gets our BYE; the base\'s one HANGUP comes before After Conversation Work', async () => {
    const agent = await startScvAgent();
    const { container } = agent;
    const { id, inviter, from } = await acceptedCall(agent);
    container.send(MESSAGE_TYPE.END_CALL, { call: { callId: id, callAttributes: { participantType: PARTICIPANT_TYPE.INITIAL_CALLER } } });
    await container.event(EVENT_TYPE.AFTER_CALL_WORK_STARTED, from);
    await waitFor('the customer to get the BYE', () => inviter.state === SessionState.Terminated);
    await fence(container);
    expect(container.types(from)).to.deep.equal([EVENT_TYPE.CALL_STARTED, EVENT_TYPE.CALL_CONNECTED, EVENT_TYPE.HANGUP, EVENT_TYPE.AFTER_CALL_WORK_STARTED, EVENT_TYPE.PHONE_CONTACTS]);
  });

  it('DECLINE_CALL: the customer hears 486 Busy Here and Salesforce the base\'s one HANGUP; a caller who hangs up while it rings is one HANGUP, no After Conversation Work', async () => {
    const agent = await startScvAgent();
    const { container } = agent;
    await online(container);
    const from = container.events().length;
    const declined = await customerCalls(agent);
    container.send(MESSAGE_TYPE.DECLINE_CALL, { call: { callId: declined.id } });
    expect(await declined.finalStatus).to.equal(486);
    await container.event(EVENT_TYPE.HANGUP, from);

    const missed = await customerCalls(agent);
    await (missed.inviter as Inviter).cancel();
    await container.event(EVENT_TYPE.HANGUP, from, 2);
    await fence(container);
    expect(container.types(from)).to.deep.equal([EVENT_TYPE.CALL_STARTED, EVENT_TYPE.HANGUP, EVENT_TYPE.CALL_STARTED, EVENT_TYPE.HANGUP, EVENT_TYPE.PHONE_CONTACTS]);
  });

  it('DIAL: the base\'s CALL_STARTED; the callee answers: ContactPad\'s one CALL_CONNECTED; their BYE: one HANGUP and After Conversation Work', async () => {
    const agent = await startScvAgent();
    const { container } = agent;
    const callee = await phoneOf(agent.wsUrl, uniqueUser('callee'));
    await online(container);
    const from = container.events().length;
    container.send(MESSAGE_TYPE.DIAL, { contact: { phoneNumber: `sip:${callee.user}@127.0.0.1` } });
    const started = await container.event(EVENT_TYPE.CALL_STARTED, from);
    expect(started.payload).to.deep.include({ callType: CALL_TYPE.OUTBOUND });
    const answered = await callee.answer();
    const connected = await container.event(EVENT_TYPE.CALL_CONNECTED, from);
    expect(connected.payload.callId).to.equal(started.payload.callId);
    await answered.bye();
    await container.event(EVENT_TYPE.AFTER_CALL_WORK_STARTED, from);
    await fence(container);
    expect(container.types(from)).to.deep.equal([EVENT_TYPE.CALL_STARTED, EVENT_TYPE.CALL_CONNECTED, EVENT_TYPE.HANGUP, EVENT_TYPE.AFTER_CALL_WORK_STARTED, EVENT_TYPE.PHONE_CONTACTS]);
  });

  it('an INVITE that rings before Salesforce set the connector up is held, not lost: told (CALL_STARTED) once the connector is ready, and can be accepted', async () => {
    const { wsUrl } = await sipServer();
    const { board, agentUser } = await bootedAgent(wsUrl);
    const customer = await customerOn(wsUrl);
    const id = uniqueUser('int');
    const { finalStatus, inviter } = customer.call(agentUser, [`X-CP-Interaction-Id: ${id}`, `X-CP-Voice-Call-Id: ${VOICE_CALL}`]);
    await waitFor('the call to ring ContactPad', () => board.calls().some((call) => call.interaction.id === id && call.interaction.state === 'alerting'));

    installConnector(async () => board);
    const container = new ScvContainer();
    container.setUp(scvConfig(wsUrl));
    const ready = await container.ready();
    expect(ready['callInProgress'], 'not yet told').to.equal(null);
    const started = await container.event(EVENT_TYPE.CALL_STARTED);
    expect(started.payload).to.deep.include({ callId: id, state: CALL_STATE.RINGING });
    expect(started.payload.callAttributes.voiceCallId).to.equal(VOICE_CALL);
    container.send(MESSAGE_TYPE.ACCEPT_CALL, { call: { callId: id } });
    expect(await finalStatus).to.equal(200);
    await container.event(EVENT_TYPE.CALL_CONNECTED);
    await inviter.bye();
    await container.event(EVENT_TYPE.AFTER_CALL_WORK_STARTED);
    expect(container.types()).to.deep.equal([EVENT_TYPE.CALL_STARTED, EVENT_TYPE.CALL_CONNECTED, EVENT_TYPE.HANGUP, EVENT_TYPE.AFTER_CALL_WORK_STARTED]);
    container.send(MESSAGE_TYPE.LOGOUT);
    await container.event(EVENT_TYPE.LOGOUT_RESULT);
  });

  it('a consult leg at the edge that makes VoiceCalls: its INVITE names the call\'s VoiceCall, the edge makes a Transfer VoiceCall with that parent, and the colleague\'s connector is told it rings with the new id', async () => {
    const { board, id, parent, colleague, colleagueAddress } = await transferringAgentWithColleague();
    const consultId = await board.run({ type: 'consult', interactionId: id, targetId: '', number: colleagueAddress });
    await expectTransferLeg(colleague, parent);
    await board.run({ type: 'release', interactionId: String(consultId) });
    await colleague.container.event(EVENT_TYPE.HANGUP);
    await board.run({ type: 'release', interactionId: id });
    await board.run({ type: 'set-agent-status', choice: { status: 'offline' } });
  });

  it('a blind transfer at the edge that makes VoiceCalls: the Refer-To names the call\'s VoiceCall, the customer\'s INVITE (Referred-By) gets a Transfer VoiceCall with that parent, and the colleague\'s connector is told it rings with the new id', async () => {
    const { board, id, parent, inviter, colleague, colleagueAddress } = await transferringAgentWithColleague();
    const far = watchFarEnd(inviter, followWithUriHeaders);
    await board.run({ type: 'transfer', interactionId: id, targetId: '', number: colleagueAddress });
    expect(far.refers[0]?.referTo.uri.getHeader('X-CP-Voice-Call-Id')).to.deep.equal([parent]);
    await expectTransferLeg(colleague, parent);
    const started = await colleague.container.event(EVENT_TYPE.CALL_STARTED);
    colleague.container.send(MESSAGE_TYPE.DECLINE_CALL, { call: { callId: started.payload.callId } });
    await colleague.container.event(EVENT_TYPE.HANGUP);
    await board.run({ type: 'set-agent-status', choice: { status: 'offline' } });
  });
});
