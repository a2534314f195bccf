/**
 * ContactPad as a Service Cloud Voice partner telephony connector: Salesforce's Omni-Channel
 * softphone loads it in a frame and sends it commands (scv-connector-base's channel messages);
 * each becomes one of ContactPad's intents, run by the same switchboard as under Open CTI, and is
 * answered with a promise that rejects with Salesforce's error type when the action failed
 * (scv-command-error.ts). What happens on ContactPad's side is told by scv-call-events.ts.
 *
 *   init             the call center's settings (Salesforce's connector config) -> the rooms start
 *                    (scv-contactpad.ts); nothing to log in to (no login frame)
 *   setAgentStatus   Online -> Ready (the phone registers; answered once it has), Offline -> Offline
 *   acceptCall       200 OK            declineCall  486/603 (rejectStatusCode)
 *   endCall          BYE (the named leg), or the agent leaving: with a consult leg answered, an
 *                    attended transfer (REFER with Replaces) puts the customer through to it
 *   hold, resume     re-INVITE sendonly / sendrecv (resuming one leg holds the other)
 *   mute, unmute     the agent's microphone on the call they are talking on
 *   sendDigits       keypad tones (dtmfMethod)
 *   dial             a call to the contact's number (or a directory colleague's SIP address)
 *   addParticipant   blind: REFER to the agent, service or number; else a consult leg (the
 *                    customer held) that Salesforce shows as the third party
 *   getPhoneContacts the directory (scv-contacts.ts)
 *   wrapUpCall       the customer's call leaves wrap up (Salesforce's After Conversation Work ended)
 *   logout           Offline (the phone unregisters)
 */
import { ContactPadError } from '../../model/errors.ts';
import { scv, type ScvContact } from './scv-base.ts';
import { isActive, isAnswered, ScvCalls, type ScvCall, type ScvCallState, type ScvRole } from './scv-calls.ts';
import { ScvCallEvents } from './scv-call-events.ts';
import { CONTACTPAD_CAPABILITIES } from './scv-capabilities.ts';
import { commandError } from './scv-command-error.ts';
import { contactTypes, phoneContacts } from './scv-contacts.ts';
import type { ScvBoot, ScvSwitchboard } from './scv-switchboard.ts';

/** How long a command waits for the phone to settle after it acted (registration, the end of a call). */
const SETTLE_MS = 15_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The connector config's text items (the call center's settings, keyed as Open CTI's getCallCenterSettings keys them). */
function textItems(config: unknown): Record<string, string> {
  const items: Record<string, string> = {};
  if (!isRecord(config)) return items;
  for (const [key, value] of Object.entries(config)) if (typeof value === 'string') items[key] = value;
  return items;
}

/** The contact's number as the agent would type it ('' when it has none). */
function numberOf(contact: ScvContact | undefined): string {
  const number = typeof contact?.phoneNumber === 'string' ? contact.phoneNumber.trim() : '';
  const prefix = typeof contact?.prefix === 'string' ? contact.prefix.trim() : '';
  return number === '' ? '' : `${prefix}${number}`;
}

export class ContactPadConnector extends scv.VendorConnector {
  readonly #boot: ScvBoot;
  readonly #calls = new ScvCalls();
  readonly #events = new ScvCallEvents(this.#calls, (call) => this.#wrapUpStarted(call));
  #board: ScvSwitchboard | undefined;
  /** The org lets agents do After Conversation Work (config isACWAllowed): else wrap up ends as it starts. */
  #acwAllowed = false;
  #opened = false;

  constructor(boot: ScvBoot) {
    super();
    this.#boot = boot;
  }

  // ---- set up --------------------------------------------------------------------------

  /** SETUP_CONNECTOR: the rooms start with the call center's settings. Rejects INVALID_PARAMS when they cannot (a setting or the agent's SIP user missing). */
  init(config: unknown): Promise<object> {
    return this.#answer(async () => {
      if (this.#board) throw new ContactPadError('INVALID_CONFIGURATION', 'The connector is set up already.');
      this.#acwAllowed = isRecord(config) && (config['isACWAllowed'] === true || config['isACWAllowed'] === 'true');
      const board = await this.#boot(textItems(config));
      this.#board = board;
      this.#events.attach(board);
      logNotices(board);
      board.loadDirectory().catch(() => undefined); // getPhoneContacts tries again and says why
      return new scv.InitResult({ showLogin: false });
    });
  }

  getAgentConfig(): Promise<object> {
    const { PHONE_TYPE } = scv.Constants;
    return Promise.resolve(new scv.AgentConfigResult({ phones: [PHONE_TYPE.SOFT_PHONE], selectedPhone: new scv.Phone({ type: PHONE_TYPE.SOFT_PHONE }) }));
  }

  /** Only the soft phone: ContactPad is the agent's phone in the browser. */
  setAgentConfig(config: unknown): Promise<object> {
    return this.#answer(async () => {
      const selected = isRecord(config) && isRecord(config['selectedPhone']) ? config['selectedPhone']['type'] : undefined;
      if (selected !== scv.Constants.PHONE_TYPE.SOFT_PHONE) throw new ContactPadError('INVALID_INPUT', 'ContactPad is a soft phone: a desk phone cannot be chosen.');
      return new scv.GenericResult({ success: true });
    });
  }

  getCapabilities(): Promise<object> {
    return Promise.resolve(new scv.CapabilitiesResult(CONTACTPAD_CAPABILITIES));
  }

  /**
   * The calls Salesforce was told of that are still under way. The base reads them last before
   * it posts CONNECTOR_READY (baseConnector.js setConnectorReady): from a task later, ContactPad's
   * side is told (scv-call-events.ts open).
   */
  getActiveCalls(): Promise<object> {
    if (this.#board && !this.#opened) {
      this.#opened = true;
      globalThis.setTimeout(() => this.#events.open(), 0);
    }
    const views = this.#events.views();
    const active = this.#calls.all().filter((call) => isActive(call.last));
    return Promise.resolve(new scv.ActiveCallsResult({ activeCalls: active.map((call) => this.#calls.phoneCall(call, views.get(call.id))) }));
  }

  // ---- the agent --------------------------------------------------------------------------

  /**
   * Omni-Channel presence decides: a status with the phone channel (Online) makes the agent Ready
   * and registers the phone, answered once it has registered (or rejected with why it could not);
   * Offline unregisters. After Conversation Work is Salesforce's own (wrap up follows wrapUpCall).
   */
  setAgentStatus(agentStatus: unknown): Promise<object> {
    const { AGENT_STATUS } = scv.Constants;
    return this.#answer(async () => {
      const board = this.#requireBoard();
      if (agentStatus === AGENT_STATUS.OFFLINE) {
        await board.run({ type: 'set-agent-status', choice: { status: 'offline' } });
      } else if (agentStatus === AGENT_STATUS.ONLINE) {
        await board.run({ type: 'set-agent-status', choice: { status: 'ready' } });
        await this.#registered(board);
      } else if (agentStatus !== AGENT_STATUS.ACW) {
        throw new ContactPadError('INVALID_AGENT_STATE_CHOICE', `ContactPad knows no agent status ${JSON.stringify(String(agentStatus)).slice(0, 60)}.`);
      }
      return new scv.GenericResult({ success: true });
    });
  }

  logout(): Promise<object> {
    return this.#answer(async () => {
      await this.#requireBoard().run({ type: 'set-agent-status', choice: { status: 'offline' } });
      return new scv.LogoutResult({ success: true });
    });
  }

  // ---- a call ---------------------------------------------------------------------------

  acceptCall(call: unknown): Promise<object> {
    return this.#onCall(call, (c) => c.role === 'initial' && c.last === 'alerting', 'initial', async (found, board) => {
      await board.run({ type: 'accept', interactionId: found.id });
      await this.#until(board, () => this.#stateOf(found.id) !== 'alerting', 'the call to connect');
      return new scv.CallResult({ call: this.#phoneCall(found) });
    });
  }

  declineCall(call: unknown): Promise<object> {
    return this.#onCall(call, (c) => c.role === 'initial' && c.last === 'alerting', 'initial', async (found, board) => {
      await this.#ending([found], () => board.run({ type: 'reject', interactionId: found.id }));
      return new scv.CallResult({ call: this.#phoneCall(found) });
    });
  }

  /**
   * A leg (the customer, a third party) hangs up; the agent (`Agent`, or a call Salesforce does
   * not name) leaves every leg: with the customer and an answered consult leg, the customer is put
   * through to the consulted party (attended transfer), else each leg is released.
   */
  endCall(call: unknown): Promise<object> {
    const { PARTICIPANT_TYPE } = scv.Constants;
    return this.#answer(async () => {
      const board = this.#requireBoard();
      const participant = isRecord(call) && isRecord(call['callAttributes']) ? call['callAttributes']['participantType'] : undefined;
      const named = isRecord(call) && (typeof call['callId'] === 'string' || (participant !== undefined && participant !== PARTICIPANT_TYPE.AGENT));
      const legs = named ? [this.#calls.find(call, (c) => isActive(c.last))] : this.#calls.all().filter((c) => isActive(c.last));
      if (legs.length === 0) throw new ContactPadError('CALL_NOT_FOUND', 'ContactPad has no call under way to end.');
      const customer = legs.find((leg) => leg.role === 'initial' && isAnswered(this.#stateOf(leg.id)));
      const consult = legs.find((leg) => leg.role === 'third-party' && isAnswered(this.#stateOf(leg.id)));
      await this.#events.command(async (touch) => {
        for (const leg of legs) touch(leg.id);
        await this.#ending(legs, async () => {
          if (customer && consult) {
            await board.run({ type: 'complete-transfer', interactionId: consult.id });
            return;
          }
          for (const leg of legs) await board.run({ type: this.#stateOf(leg.id) === 'alerting' && leg.role === 'initial' ? 'reject' : 'release', interactionId: leg.id });
        });
      });
      return new scv.HangupResult({ calls: legs.map((leg) => this.#phoneCall(leg)) });
    });
  }

  hold(call: unknown): Promise<object> {
    return this.#onCall(call, (c) => isAnswered(this.#stateOf(c.id)), 'initial', async (found, board) => {
      await board.run({ type: 'hold', interactionId: found.id });
      return this.#holdResult();
    });
  }

  resume(call: unknown): Promise<object> {
    return this.#onCall(call, (c) => isAnswered(this.#stateOf(c.id)), 'initial', async (found, board) => {
      await board.run({ type: 'retrieve', interactionId: found.id });
      return this.#holdResult();
    });
  }

  mute(): Promise<object> {
    return this.#onTalking('mute', true);
  }

  unmute(): Promise<object> {
    return this.#onTalking('unmute', false);
  }

  /** Keypad tones on the call the agent is talking on (the base reports no failure of these but its log). */
  sendDigits(digits: unknown): Promise<void> {
    return this.#answer(async () => {
      const board = this.#requireBoard();
      await board.run({ type: 'send-dtmf', interactionId: this.#talking().id, digits: typeof digits === 'string' ? digits : '' });
    });
  }

  // ---- calls the agent places -----------------------------------------------------------

  dial(contact: unknown): Promise<object> {
    return this.#answer(async () => {
      const board = this.#requireBoard();
      if (board.phone().state !== 'registered') {
        throw new ContactPadError('SIP_SERVER_UNREACHABLE', `The phone is not registered (${board.phone().state}): set a status with the phone channel first.`);
      }
      const typed = numberOf(contact as ScvContact) || this.#colleagueAddress(contact as ScvContact, board);
      if (typed === '') throw new ContactPadError('INVALID_INPUT', 'The contact to call has no phone number.');
      return await this.#events.command(async (touch) => {
        const id = await board.run({ type: 'dial', number: typed });
        const placed = this.#placed(String(id), 'initial', scv.Constants.CALL_TYPE.OUTBOUND, undefined, touch);
        return new scv.CallResult({ call: this.#phoneCall(placed) });
      });
    });
  }

  addParticipant(contact: unknown, call: unknown, isBlindTransfer: unknown): Promise<object> {
    return this.#onCall(call, (c) => c.role === 'initial' && isAnswered(this.#stateOf(c.id)), 'initial', async (parent, board, touch) => {
      const target = contact as ScvContact | undefined;
      const inDirectory = typeof target?.id === 'string' && board.directory().some((entry) => entry.id === target.id);
      const number = inDirectory ? undefined : numberOf(target);
      if (number === '') throw new ContactPadError('INVALID_INPUT', 'The contact to add is neither in ContactPad\'s directory nor has a phone number.');
      const to = { targetId: inDirectory ? String(target?.id) : '', ...(number !== undefined ? { number } : {}) };
      const callInfo = new scv.CallInfo({ isOnHold: false, isExternalTransfer: number !== undefined });
      const phoneNumber = numberOf(target);
      if (isBlindTransfer === true) {
        await this.#ending([parent], () => board.run({ type: 'transfer', interactionId: parent.id, ...to }));
        return new scv.ParticipantResult({ initialCallHasEnded: true, callInfo, phoneNumber, callId: parent.id });
      }
      const id = await board.run({ type: 'consult', interactionId: parent.id, ...to });
      const leg = this.#placed(String(id), 'third-party', scv.Constants.CALL_TYPE.ADD_PARTICIPANT, parent.id, touch);
      return new scv.ParticipantResult({ initialCallHasEnded: false, callInfo, phoneNumber, callId: leg.id });
    });
  }

  getPhoneContacts(filter: unknown): Promise<object> {
    return this.#answer(async () => {
      const board = this.#requireBoard();
      if (board.directory().length === 0) await board.loadDirectory();
      return new scv.PhoneContactsResult({ contacts: phoneContacts(board.directory(), filter), contactTypes: contactTypes() });
    });
  }

  // ---- after the call ---------------------------------------------------------------------

  /**
   * After Conversation Work ended (the agent's Done, or Salesforce's clock): the call's wrap up
   * ends. The base neither awaits nor catches this one: a failure is logged to Salesforce, never thrown.
   */
  wrapUpCall(call: unknown): void {
    const board = this.#board;
    if (!board) return;
    const inWrapUp = (c: ScvCall) => c.last === 'wrap-up';
    Promise.resolve()
      .then(() => this.#calls.find(call, inWrapUp, 'initial'))
      .then((found) => board.run({ type: 'wrap-up-done', interactionId: found.id, disposition: '', notes: '' }))
      .catch((error: unknown) => scv.publishLog({ eventType: scv.Constants.EVENT_TYPE.AFTER_CALL_WORK_STARTED, payload: { wrapUpCall: commandError(error).message }, isError: true }));
  }

  /** Messages from Salesforce's components: ContactPad takes none (the base calls this without catching). */
  handleMessage(): void {}

  // ---- helpers ------------------------------------------------------------------------------

  /** Without After Conversation Work in the org, nothing would end wrap up: it ends as it starts. */
  #wrapUpStarted(call: ScvCall): void {
    if (!this.#acwAllowed) this.wrapUpCall({ callId: call.id });
  }

  #requireBoard(): ScvSwitchboard {
    if (!this.#board) throw new ContactPadError('HOST_UNAVAILABLE', 'The connector is not set up: Salesforce has not sent SETUP_CONNECTOR yet.');
    return this.#board;
  }

  /** Runs `body` and answers Salesforce: its result, or a rejection with Salesforce's error type. */
  async #answer<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      throw commandError(error);
    }
  }

  /** A command on one call: found among those `live` accepts (CALL_NOT_FOUND otherwise), its events held until answered. */
  #onCall<T>(
    call: unknown,
    live: (call: ScvCall) => boolean,
    fallback: ScvRole,
    body: (found: ScvCall, board: ScvSwitchboard, touch: (id: string) => void) => Promise<T>,
  ): Promise<T> {
    return this.#answer(async () => {
      const board = this.#requireBoard();
      const found = this.#calls.find(call, live, fallback);
      return await this.#events.command((touch) => {
        touch(found.id);
        return body(found, board, touch);
      });
    });
  }

  /** Salesforce asked for these legs' end (its base publishes it); `end` does it, and the legs have left. */
  async #ending(legs: readonly ScvCall[], end: () => Promise<unknown>): Promise<void> {
    for (const leg of legs) leg.endAsked = true;
    try {
      await end();
    } catch (error) {
      for (const leg of legs) leg.endAsked = !isActive(this.#stateOf(leg.id)) && leg.endAsked;
      throw error;
    }
    await this.#until(this.#requireBoard(), () => legs.every((leg) => !isActive(this.#stateOf(leg.id))), 'the call to end');
  }

  /** A call placed by a command (dial, a consult leg): Salesforce knows it as ringing; what it did since is told after the command. */
  #placed(id: string, role: ScvRole, callType: string, parentId: string | undefined, touch: (id: string) => void): ScvCall {
    const placed = this.#calls.add({ id, role, callType, voiceCallId: undefined, parentId, last: 'alerting' });
    touch(id);
    this.#events.check();
    return placed;
  }

  /** The leg the agent is talking on: an answered consult leg, else the customer's call. */
  #talking(): ScvCall {
    const connected = (role: ScvRole) => this.#calls.ofRole(role, (c) => this.#stateOf(c.id) === 'connected');
    const leg = connected('third-party') ?? connected('initial');
    if (!leg) throw new ContactPadError('CALL_NOT_FOUND', 'ContactPad has no call the agent is talking on.');
    return leg;
  }

  #onTalking(type: 'mute' | 'unmute', isMuted: boolean): Promise<object> {
    return this.#answer(async () => {
      await this.#requireBoard().run({ type, interactionId: this.#talking().id });
      return new scv.MuteToggleResult({ isMuted });
    });
  }

  #holdResult(): object {
    const held = (role: ScvRole) => {
      const leg = this.#calls.ofRole(role);
      return leg !== undefined && this.#stateOf(leg.id) === 'held';
    };
    const views = this.#events.views();
    const calls = this.#calls.all().filter((c) => isActive(this.#stateOf(c.id))).map((c) => this.#calls.phoneCall(c, views.get(c.id)));
    return new scv.HoldToggleResult({ isThirdPartyOnHold: held('third-party'), isCustomerOnHold: held('initial'), calls });
  }

  #stateOf(id: string): ScvCallState {
    return this.#events.views().get(id)?.interaction.state ?? 'gone';
  }

  #phoneCall(call: ScvCall): object {
    return this.#calls.phoneCall(call, this.#events.views().get(call.id));
  }

  /** A directory colleague without a number: their ContactPad phone's SIP address. */
  #colleagueAddress(contact: ScvContact | undefined, board: ScvSwitchboard): string {
    const entry = board.directory().find((candidate) => candidate.kind === 'agent' && candidate.id === contact?.id && candidate.sipUser !== '');
    return entry ? `sip:${entry.sipUser}@${board.sipDomain}` : '';
  }

  /** Resolves once the phone has registered; rejects as soon as it says why it cannot. */
  async #registered(board: ScvSwitchboard): Promise<void> {
    await this.#until(board, () => {
      const phone = board.phone();
      if (phone.state === 'registered') return true;
      if (phone.state === 'unreachable' || phone.state === 'refused' || phone.state === 'no-credential') {
        throw new ContactPadError(phone.state === 'refused' ? 'SIP_REGISTRATION_REFUSED' : phone.state === 'no-credential' ? 'SIP_CREDENTIAL_UNAVAILABLE' : 'SIP_SERVER_UNREACHABLE', phone.reason);
      }
      return false;
    }, 'the phone to register');
  }

  /** Resolves once `done` says so (it may throw to fail), bounded by {@link SETTLE_MS}. */
  #until(board: ScvSwitchboard, done: () => boolean, what: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let unsubscribe = () => {};
      const timer = globalThis.setTimeout(() => {
        unsubscribe();
        reject(new ContactPadError('UNEXPECTED', `ContactPad waited ${SETTLE_MS / 1000} s for ${what}.`));
      }, SETTLE_MS);
      const look = (): boolean => {
        try {
          if (!done()) return false;
          resolve();
        } catch (error) {
          reject(error);
        }
        globalThis.clearTimeout(timer);
        return true;
      };
      if (look()) return;
      unsubscribe = board.subscribe(() => {
        if (look()) unsubscribe();
      });
    });
  }
}

/** What ContactPad would have told the agent in its widget (from its start on): under Service Cloud Voice, to Salesforce's log (with its code). */
function logNotices(board: ScvSwitchboard): void {
  let seen = -1;
  board.subscribe(() => {
    for (const notice of board.notices()) {
      if (notice.id <= seen) continue;
      seen = notice.id;
      scv.publishLog({ eventType: 'CONTACTPAD_NOTICE', payload: { code: notice.code, message: notice.message }, isError: true });
    }
  });
}

/**
 * Installs ContactPad's connector in this frame: from now on the base listens for Salesforce's
 * SETUP_CONNECTOR (its origin checked by the base: Salesforce's domains only), and `boot` starts
 * the rooms with the settings it brings.
 *
 * A SETUP_CONNECTOR from another origin is ignored by the base, which then stops listening
 * altogether (baseConnector.js windowMessageHandler removes its listener whatever the origin):
 * a stray message would leave the connector never set up. The listener is put back after one,
 * through the same public initializeConnector.
 */
export function installConnector(boot: ScvBoot): ContactPadConnector {
  const connector = new ContactPadConnector(boot);
  scv.initializeConnector(connector);
  let setUp = false;
  const rearm = (event: MessageEvent): void => {
    if (!isRecord(event.data) || event.data['type'] !== SETUP_CONNECTOR) return;
    if (isSalesforceOrigin(event.origin)) {
      setUp = true;
      window.removeEventListener('message', rearm);
    } else if (!setUp) {
      scv.initializeConnector(connector);
    }
  };
  window.addEventListener('message', rearm);
  return connector;
}

/** The message type Salesforce's container sets the connector up with (baseConnector.js MESSAGE_TYPE, not exported by the package). */
const SETUP_CONNECTOR = 'SETUP_CONNECTOR';

/** The origins the base takes SETUP_CONNECTOR from (baseConnector.js windowMessageHandler, its sfDomain pattern). */
function isSalesforceOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return /^https:\/\/[\w-.]+(lightning\.[\w]+\.soma\.force\.com|\.lightning\.force\.com|\.lightning\.pc-rnd\.force\.com|\.stm\.force\.com|\.vf\.force\.com|\.salesforce\.com|\.my\.salesforce-sites\.com|\.lightning\.localhost\.[\w]+\.force.com)$/.test(`${url.protocol}//${url.hostname}`);
  } catch {
    return false;
  }
}
