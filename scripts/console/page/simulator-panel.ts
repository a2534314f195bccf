/**
 * The 'Customer simulator' panel: a form for who calls and how (preset callers from the demo
 * org, Name, Number, Queue, Location (Call To), Ad Source, Kind, the callback request a callback
 * names, and the Line: this browser, or a caller from the phone network), whom it calls (Calls:
 * the agent, or one of the SIP edge's queues, whose agents ring one at a time), 'Call agent' and
 * 'Hang up', and a status line. It sits beside the console, outside the stand-in Salesforce.
 */
import { html, nothing, render } from 'lit';
import type { CustomerSimulator, SimulatedCall, SimulatorLine } from './customer-simulator.ts';
import type { DemoCaller } from './demo-caller.ts';

type FormFields = { -readonly [K in keyof SimulatedCall]: SimulatedCall[K] };

/** Whom the simulator may call: the agent, and the SIP edge's queues with their members in hunt order. */
export interface SimulatorTargets {
  readonly agentUser: string;
  readonly queues: readonly { readonly address: string; readonly members: readonly string[] }[];
}

/** Renders and runs the simulator panel in `host`. */
export function mountSimulatorPanel(host: HTMLElement, simulator: CustomerSimulator, presets: readonly DemoCaller[], targets: SimulatorTargets): void {
  const first = presets[0];
  const form: FormFields = {
    name: first?.name ?? '',
    number: first?.number ?? '',
    queue: first?.queue ?? 'Sales',
    location: first?.location ?? '',
    adSource: first?.adSource ?? '',
    kind: first?.kind ?? 'voice',
    callbackRequest: '',
  };
  let presetIndex = first ? 0 : -1;
  let line: SimulatorLine = 'browser';
  let target = targets.agentUser;
  let actionError = '';
  const fromPhoneNetwork = () => line !== 'browser';

  const update = (): void => {
    render(view(), host);
  };
  simulator.onChange(update);

  // A trunk passes the caller's name and number only: the platform's fields do not travel.
  const field = (key: 'name' | 'number' | 'queue' | 'location' | 'adSource' | 'callbackRequest', label: string) => html`
    <div class="form-field">
      <label for="sim-${key}">${label}</label>
      <input id="sim-${key}" data-testid="sim-${key === 'adSource' ? 'ad-source' : key === 'callbackRequest' ? 'callback-request' : key}" .value=${form[key] ?? ''} autocomplete="off"
        ?disabled=${fromPhoneNetwork() && key !== 'name' && key !== 'number'}
        @input=${(event: Event) => {
          form[key] = (event.target as HTMLInputElement).value;
          presetIndex = -1;
          update();
        }} />
    </div>`;

  const callAgent = async (): Promise<void> => {
    actionError = '';
    update();
    try {
      if (line === 'browser') await simulator.call({ ...form }, target);
      else await simulator.callFromPhoneNetwork({ name: form.name, number: form.number }, line === 'phone-network-pcmu' ? 'pcmu' : 'opus+pcmu');
    } catch (error) {
      actionError = error instanceof Error ? error.message : String(error);
    }
    update();
  };

  const view = () => html`
    <h2 id="simulator-title">Customer simulator</h2>
    <p class="muted">A caller outside Salesforce: a SIP phone on the local Kamailio that calls the agent.</p>
    <p class="registration" data-testid="sim-registration" data-registration=${simulator.registration}>
      SIP: ${simulator.registration === 'registered' ? `registered as ${simulator.user}` : simulator.registration}
    </p>
    <div class="form-field">
      <label for="sim-preset">Caller</label>
      <select id="sim-preset" data-testid="sim-preset" .value=${String(presetIndex)}
        @change=${(event: Event) => {
          presetIndex = Number((event.target as HTMLSelectElement).value);
          const preset = presets[presetIndex];
          if (preset) Object.assign(form, { name: preset.name, number: preset.number, queue: preset.queue, location: preset.location, adSource: preset.adSource, kind: preset.kind });
          update();
        }}>
        <option value="-1" ?selected=${presetIndex === -1}>Custom caller</option>
        ${presets.map((preset, index) => html`<option value=${String(index)} ?selected=${presetIndex === index}>${preset.label}${preset.number ? ` (${preset.number})` : ''}</option>`)}
      </select>
    </div>
    ${field('name', 'Name')} ${field('number', 'Number')} ${field('queue', 'Queue')} ${field('location', 'Location (Call To)')}
    ${field('adSource', 'Ad Source')}
    <div class="form-field">
      <label for="sim-line">Line</label>
      <select id="sim-line" data-testid="sim-line" .value=${line} ?disabled=${simulator.inCall}
        @change=${(event: Event) => {
          line = (event.target as HTMLSelectElement).value as SimulatorLine;
          update();
        }}>
        <option value="browser" ?selected=${line === 'browser'}>This browser (WebRTC, with the platform's headers)</option>
        <option value="phone-network" ?selected=${line === 'phone-network'}>Caller from the phone network (plain RTP: opus, PCMU)</option>
        <option value="phone-network-pcmu" ?selected=${line === 'phone-network-pcmu'}>Caller from the phone network, PCMU only (like most trunks)</option>
      </select>
    </div>
    ${fromPhoneNetwork()
      ? html`<p class="muted" data-testid="sim-line-note">A real SIP phone (baresip) calls the agent through Kamailio as a trunk would: plain RTP
          turned into WebRTC by the media gateway, a 440 Hz tone as the caller's voice, and the caller's name and number only
          (no queue, location, ad source or kind).</p>`
      : nothing}
    <div class="form-field">
      <label for="sim-target">Calls</label>
      <select id="sim-target" data-testid="sim-target" .value=${target} ?disabled=${simulator.inCall || fromPhoneNetwork()}
        @change=${(event: Event) => {
          target = (event.target as HTMLSelectElement).value;
          update();
        }}>
        <option value=${targets.agentUser} ?selected=${target === targets.agentUser}>The agent (${targets.agentUser})</option>
        ${targets.queues.map((queue) => html`<option value=${queue.address} ?selected=${target === queue.address}>Queue ${queue.address} (${queue.members.join(', then ')})</option>`)}
      </select>
    </div>
    <div class="form-field">
      <label for="sim-kind">Kind</label>
      <select id="sim-kind" data-testid="sim-kind" .value=${form.kind} ?disabled=${fromPhoneNetwork()}
        @change=${(event: Event) => {
          form.kind = (event.target as HTMLSelectElement).value as SimulatedCall['kind'];
          update();
        }}>
        ${(['voice', 'video', 'callback'] as const).map((kind) => html`<option value=${kind} ?selected=${form.kind === kind}>${kind}</option>`)}
      </select>
    </div>
    ${field('callbackRequest', 'Callback request (record id, for a callback)')}
    <div class="buttons">
      <button type="button" class="brand" data-testid="sim-call" ?disabled=${simulator.inCall || (!fromPhoneNetwork() && simulator.registration !== 'registered')}
        @click=${() => void callAgent()}>Call agent</button>
      <button type="button" data-testid="sim-hangup" ?disabled=${!simulator.inCall} @click=${() => void simulator.hangUp()}>Hang up</button>
    </div>
    <p class="status" role="status" data-testid="sim-status" data-state=${simulator.state}>${simulator.status}</p>
    ${simulator.line !== 'browser' && simulator.phoneNetworkCall?.codec
      ? html`<p class="muted" data-testid="sim-phone-network-media">The phone sends ${simulator.phoneNetworkCall.codec} (${simulator.phoneNetworkCall.packetsSent} RTP packets)
          and has received ${simulator.phoneNetworkCall.packetsReceived} RTP packets from the agent.</p>`
      : nothing}
    ${actionError ? html`<p class="error" role="alert">${actionError}</p>` : nothing}
    ${simulator.lastInteractionId ? html`<p class="muted">Interaction id: <code data-testid="sim-interaction-id">${simulator.lastInteractionId}</code></p>` : nothing}
  `;
  update();
}
