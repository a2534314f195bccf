/**
 * Calls under Service Cloud Voice, end to end at the telephony level: Salesforce's container
 * (test-support/scv-container.ts) drives ContactPad through the real scv-connector-base, and
 * ContactPad's real phone takes and places calls on the suite's Kamailio with sip.js customers
 * and colleagues. Each test asserts the exact sequence of telephony events Salesforce receives
 * (the base's own and ContactPad's, each once) and what the far ends see on the wire.
 */
import { expect } from '@open-wc/testing';
import { SessionState, type Inviter } from 'sip.js';
import { constants, installScvAgent, online, scvConfig, startScvAgent, stopScvAgents, ScvContainer, type ScvAgent } from '../../../test-support/scv-container.ts';
import { audioDirection, Customer, follow, uniqueUser, watchFarEnd } from '../../../test-support/sip-calls.ts';
import { fakeOrg, TEST_JSFORCE_URL } from '../../../test-support/fake-org.ts';
import { waitFor } from '../../../test-support/wait-for.ts';
import { bootScvRooms } from '../../scv-contactpad.ts';
import { installConnector } from './scv-connector.ts';
import { DEMO_AGENT_USER_ID } from '../../../test-support/desk-rig.ts';
import { DEMO_PRESENCE } from '../../../test-support/fake-org.ts';
import { sipServer, suiteCredential } from '../../../test-support/sip-calls.ts';

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
async function customerCalls(agent: ScvAgent, from: number, voiceCallId = VOICE_CALL) {
  const id = uniqueUser('int');
  const { inviter, finalStatus } = agent.customer.call(agent.agentUser, [`X-CP-Interaction-Id: ${id}`, `X-CP-Voice-Call-Id: ${voiceCallId}`, 'X-CP-Queue: Sales']);
  const started = await agent.container.event(EVENT_TYPE.CALL_STARTED, from);
  return { id, inviter, finalStatus, started };
}

/** The customer's call, accepted in Salesforce (ACCEPT_CALL with the call it was told of): 200 OK, CALL_CONNECTED. */
async function acceptedCall(agent: ScvAgent) {
  await online(agent.container);
  const from = agent.container.events().length;
  const call = await customerCalls(agent, from);
  agent.container.send(MESSAGE_TYPE.ACCEPT_CALL, { call: call.started.payload });
  expect(await call.finalStatus, 'the customer hears 200 OK').to.equal(200);
  await agent.container.event(EVENT_TYPE.CALL_CONNECTED, from);
  await waitFor('the customer to be connected', () => call.inviter.state === SessionState.Established);
  return { ...call, from };
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
});
