/**
 * `<cp-audio-settings>`: the devices panel. The agent picks the microphone, the speaker (the
 * call's sound) and the ringer (where the ringtone rings; the browser's default unless chosen),
 * and how loud it rings; each choice is saved for this agent in this browser and used at once
 * (on a call in progress too). It also says whether browser notifications for incoming calls
 * are on. Loaded the first time the agent opens it (lazy-elements.ts): not on the ring path.
 *
 * Opening it asks the adapter to list the devices with their names (`list-audio-devices`):
 * browsers name devices only once the microphone is allowed, so the browser may ask first.
 */
import { LitElement, css, html } from 'lit';
import type { AudioDevice, AudioDeviceRole, AudioDevicesView } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { notificationPermission, type NotificationPermissionState } from './call-notifications.ts';

/** The words of the panel. */
const WORDS = {
  title: 'Devices',
  microphone: 'Microphone',
  speaker: 'Speaker',
  ringer: 'Ringer',
  defaultDevice: 'Browser default',
  ringVolume: 'Ring volume',
  unnamed: (index: number) => `Device ${index + 1}`,
  noNames: 'Device names show once ContactPad may use the microphone.',
  noOutputChoice: 'This browser plays calls and the ringtone on its default output only.',
  notifications: {
    granted: 'Notifications: on. An incoming call shows one while ContactPad is out of sight.',
    default: 'Notifications: ContactPad asks when you go Ready.',
    denied: 'Notifications are off for ContactPad (the browser blocks them here); incoming calls still ring.',
    unsupported: 'Notifications are off: this browser has none; incoming calls still ring.',
  } satisfies Record<NotificationPermissionState, string>,
} as const;

/** The devices panel. Fires `list-audio-devices` when it opens, `choose-audio-device` and `set-ring-volume`. */
export class CpAudioSettings extends LitElement {
  static override properties = {
    audio: { attribute: false },
    notifications: { attribute: false },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      fieldset {
        display: flex;
        flex-direction: column;
        gap: 6px;
        margin: 0;
        padding: 0;
        border: 0;
      }
      legend {
        padding: 0;
        font-weight: 700;
      }
      .field {
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      select,
      input[type='range'] {
        width: 100%;
      }
      .note {
        margin: 0;
        color: var(--cp-text-weak);
        font-size: 12px;
      }
    `,
  ];

  /** The snapshot's devices and the agent's choices. */
  declare audio: AudioDevicesView | undefined;
  /** Where the browser stands on notifications (read when the panel renders). */
  declare notifications: NotificationPermissionState;

  constructor() {
    super();
    this.audio = undefined;
    this.notifications = notificationPermission();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.notifications = notificationPermission();
    this.dispatchEvent(intentEvent({ type: 'list-audio-devices' }));
  }

  protected override render() {
    const audio = this.audio;
    if (!audio) return html``;
    return html`
      <fieldset>
        <legend>${WORDS.title}</legend>
        ${this.#select('microphone', WORDS.microphone, audio.microphones, audio.chosen.microphone, false)}
        ${this.#select('speaker', WORDS.speaker, audio.outputs, audio.chosen.speaker, !audio.outputChoice)}
        ${this.#select('ringer', WORDS.ringer, audio.outputs, audio.chosen.ringer, !audio.outputChoice)}
        <div class="field">
          <label for="ring-volume">${WORDS.ringVolume}</label>
          <input
            id="ring-volume"
            type="range"
            min="0"
            max="100"
            step="5"
            .value=${String(audio.chosen.ringVolume)}
            aria-valuetext="${audio.chosen.ringVolume}%"
            @change=${(event: Event) => this.dispatchEvent(intentEvent({ type: 'set-ring-volume', volume: Number((event.target as HTMLInputElement).value) }))}
          />
        </div>
        ${audio.named || audio.microphones.length === 0 ? '' : html`<p class="note">${WORDS.noNames}</p>`}
        ${audio.outputChoice ? '' : html`<p class="note">${WORDS.noOutputChoice}</p>`}
        <p class="note" role="status">${WORDS.notifications[this.notifications]}</p>
      </fieldset>
    `;
  }

  #select(role: AudioDeviceRole, label: string, devices: readonly AudioDevice[], chosen: string, disabled: boolean) {
    const id = `device-${role}`;
    // A choice the browser does not list now (unplugged) stays shown, so the agent sees what was chosen.
    const listed = chosen === '' || devices.some((device) => device.id === chosen);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select
        id=${id}
        ?disabled=${disabled}
        @change=${(event: Event) => this.dispatchEvent(intentEvent({ type: 'choose-audio-device', role, deviceId: (event.target as HTMLSelectElement).value }))}
      >
        <option value="" ?selected=${chosen === ''}>${WORDS.defaultDevice}</option>
        ${devices.map((device, index) => html`<option value=${device.id} ?selected=${device.id === chosen}>${device.label || WORDS.unnamed(index)}</option>`)}
        ${listed ? '' : html`<option value=${chosen} selected disabled>${label} (not connected)</option>`}
      </select>
    </div>`;
  }
}

if (!customElements.get('cp-audio-settings')) customElements.define('cp-audio-settings', CpAudioSettings);

declare global {
  interface HTMLElementTagNameMap {
    'cp-audio-settings': CpAudioSettings;
  }
}
