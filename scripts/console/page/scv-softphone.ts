/**
 * Salesforce's Omni-Channel softphone as the local console plays it under Service Cloud Voice
 * (`/?host=scv`): the container of ContactPad's connector (the softphone frame, loaded from
 * /softphone?host=scv). As Salesforce does, it sets the connector up (SETUP_CONNECTOR with the
 * call center's settings and a MessagePort), sends it the agent's commands and reads the
 * telephony events the connector base reports. It shows what Salesforce shows: the agent's
 * presence (Online: the phone registers), the call with Accept, Decline, End, Hold, Resume, Mute,
 * Unmute, a blind transfer or a consult to a number, Done for After Conversation Work, and the
 * events as they came. Message and event types are the package's own constants.
 *
 * `window.scvSoftphone` reads it (the events, the call) and sends commands, for tests.
 */
import constants from '@salesforce/scv-connector-base/src/main/constants.js';
import { html, nothing, render } from 'lit';

const { MESSAGE_TYPE, EVENT_TYPE, AGENT_STATUS } = constants;

/** A telephony event the connector base dispatched. */
export interface ScvEvent {
  readonly type: string;
  readonly payload: unknown;
}

/** The call Salesforce shows (the last one it was told of). */
export interface ScvCallView {
  readonly callId: string;
  readonly number: string;
  readonly state: 'ringing' | 'connected' | 'held' | 'ended' | 'after-call-work';
  readonly muted: boolean;
}

export interface ScvSoftphoneHooks {
  readonly ready: boolean;
  readonly events: readonly ScvEvent[];
  readonly call: ScvCallView | undefined;
  send(type: string, body?: Record<string, unknown>): void;
}

declare global {
  interface Window {
    scvSoftphone?: ScvSoftphoneHooks;
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** Mounts the softphone in `host` for the connector in `frame`, set up with `config` (the call center's items) once the frame has loaded. */
export function mountScvSoftphone(host: HTMLElement, frame: HTMLIFrameElement, config: Record<string, unknown>): ScvSoftphoneHooks {
  const events: ScvEvent[] = [];
  let port: MessagePort | undefined;
  let ready = false;
  let online = false;
  let call: ScvCallView | undefined;
  let problem = '';
  let target = '';

  const send = (type: string, body: Record<string, unknown> = {}): void => port?.postMessage({ type, ...body });
  const callRef = () => (call ? { callId: call.callId } : null);
  const setCall = (change: Partial<ScvCallView>) => {
    if (call) call = { ...call, ...change };
  };

  const heard = (data: unknown): void => {
    const message = record(data);
    if (message['type'] === MESSAGE_TYPE.CONNECTOR_READY) ready = true;
    if (message['type'] !== MESSAGE_TYPE.TELEPHONY_EVENT_DISPATCHED) return update();
    const { telephonyEventType: type, telephonyEventPayload: payload } = record(message['payload']);
    events.push({ type: String(type), payload });
    const body = record(payload);
    switch (type) {
      case EVENT_TYPE.CALL_STARTED:
        call = { callId: String(body['callId']), number: String(body['phoneNumber'] ?? record(body['contact'])['phoneNumber'] ?? ''), state: 'ringing', muted: false };
        break;
      case EVENT_TYPE.CALL_CONNECTED:
        setCall({ state: 'connected' });
        break;
      case EVENT_TYPE.HOLD_TOGGLE:
        setCall({ state: body['isCustomerOnHold'] === true ? 'held' : 'connected' });
        break;
      case EVENT_TYPE.MUTE_TOGGLE:
        setCall({ muted: body['isMuted'] === true });
        break;
      case EVENT_TYPE.HANGUP:
        setCall({ state: 'ended' });
        break;
      case EVENT_TYPE.AFTER_CALL_WORK_STARTED:
        setCall({ state: 'after-call-work' });
        break;
      case EVENT_TYPE.SET_AGENT_STATUS_RESULT:
        if (body['success'] !== true) online = false;
        break;
      case EVENT_TYPE.ERROR:
        problem = String(body['message'] ?? 'ERROR');
        break;
    }
    update();
  };

  frame.addEventListener('load', () => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => heard(event.data);
    port = channel.port1;
    ready = false;
    frame.contentWindow?.postMessage({ type: MESSAGE_TYPE.SETUP_CONNECTOR, connectorConfig: config }, location.origin, [channel.port2]);
  });

  const presence = (goOnline: boolean) => {
    online = goOnline;
    send(MESSAGE_TYPE.SET_AGENT_STATUS, { agentStatus: goOnline ? AGENT_STATUS.ONLINE : AGENT_STATUS.OFFLINE, statusInfo: { statusId: goOnline ? 'Available' : 'Offline' } });
    update();
  };
  const button = (label: string, testid: string, enabled: boolean, act: () => void) =>
    html`<button type="button" data-testid=${testid} ?disabled=${!enabled} @click=${act}>${label}</button>`;
  const view = () => {
    const state = call?.state;
    const live = state === 'connected' || state === 'held';
    return html`
      <h3>Omni-Channel (Service Cloud Voice)</h3>
      <p class="muted" data-testid="scv-ready">${ready ? 'Connector ready' : 'Setting the connector up...'}</p>
      <div class="buttons">
        ${button('Online', 'scv-online', ready && !online, () => presence(true))} ${button('Offline', 'scv-offline', ready && online, () => presence(false))}
      </div>
      ${call
        ? html`<p role="status" data-testid="scv-call" data-state=${call.state}>${call.number || 'A call'}: ${call.state}${call.muted ? ' (muted)' : ''}</p>
            <div class="buttons">
              ${button('Accept', 'scv-accept', state === 'ringing', () => send(MESSAGE_TYPE.ACCEPT_CALL, { call: callRef() }))}
              ${button('Decline', 'scv-decline', state === 'ringing', () => send(MESSAGE_TYPE.DECLINE_CALL, { call: callRef() }))}
              ${button('End', 'scv-end', live, () => send(MESSAGE_TYPE.END_CALL, { call: callRef() }))}
              ${button('Hold', 'scv-hold', state === 'connected', () => send(MESSAGE_TYPE.HOLD, { call: callRef() }))}
              ${button('Resume', 'scv-resume', state === 'held', () => send(MESSAGE_TYPE.RESUME, { call: callRef() }))}
              ${button(call.muted ? 'Unmute' : 'Mute', 'scv-mute', live, () => send(call?.muted ? MESSAGE_TYPE.UNMUTE : MESSAGE_TYPE.MUTE))}
              ${button('Done', 'scv-done', state === 'after-call-work', () => send(MESSAGE_TYPE.WRAP_UP_CALL, { call: callRef() }))}
            </div>
            <label>Number or sip: address <input data-testid="scv-target" .value=${target} @input=${(event: Event) => (target = (event.target as HTMLInputElement).value)} /></label>
            <div class="buttons">
              ${button('Blind transfer', 'scv-blind-transfer', live && target !== '', () => send(MESSAGE_TYPE.ADD_PARTICIPANT, { contact: { phoneNumber: target }, call: callRef(), isBlindTransfer: true }))}
              ${button('Consult', 'scv-consult', live && target !== '', () => send(MESSAGE_TYPE.ADD_PARTICIPANT, { contact: { phoneNumber: target }, call: callRef(), isBlindTransfer: false }))}
            </div>`
        : html`<p class="muted" data-testid="scv-call">No call</p>`}
      ${problem ? html`<p class="problem" data-testid="scv-error">${problem}</p>` : nothing}
      <ol class="muted" data-testid="scv-events">${events.slice(-8).map((event) => html`<li>${event.type}</li>`)}</ol>
    `;
  };
  const update = (): void => {
    render(view(), host);
  };
  update();

  const hooks: ScvSoftphoneHooks = {
    get ready() {
      return ready;
    },
    events,
    get call() {
      return call;
    },
    send,
  };
  window.scvSoftphone = hooks;
  return hooks;
}
