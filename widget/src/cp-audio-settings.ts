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
import { laterWords } from './catalogue/later-words.ts';
import { agentLocale } from './catalogue/catalogue.ts';

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
    const w = laterWords().devices;
    return html`
      <fieldset>
        <legend>${w.title}</legend>
        ${this.#select('microphone', w.microphone, audio.microphones, audio.chosen.microphone, false)}
        ${this.#select('speaker', w.speaker, audio.outputs, audio.chosen.speaker, !audio.outputChoice)}
        ${this.#select('ringer', w.ringer, audio.outputs, audio.chosen.ringer, !audio.outputChoice)}
        <div class="field">
          <label for="ring-volume">${w.ringVolume}</label>
          <input
            id="ring-volume"
            type="range"
            min="0"
            max="100"
            step="5"
            .value=${String(audio.chosen.ringVolume)}
            aria-valuetext=${(audio.chosen.ringVolume / 100).toLocaleString(agentLocale(), { style: 'percent' })}
            @change=${(event: Event) => this.dispatchEvent(intentEvent({ type: 'set-ring-volume', volume: Number((event.target as HTMLInputElement).value) }))}
          />
        </div>
        ${audio.named || audio.microphones.length === 0 ? '' : html`<p class="note">${w.noNames}</p>`}
        ${audio.outputChoice ? '' : html`<p class="note">${w.noOutputChoice}</p>`}
        <p class="note" role="status">${w.notifications[this.notifications]}</p>
      </fieldset>
    `;
  }

  #select(role: AudioDeviceRole, label: string, devices: readonly AudioDevice[], chosen: string, disabled: boolean) {
    const id = `device-${role}`;
    // A choice the browser does not list now (unplugged) stays shown, so the agent sees what was chosen.
    const listed = chosen === '' || devices.some((device) => device.id === chosen);
    const w = laterWords().devices;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select
        id=${id}
        ?disabled=${disabled}
        @change=${(event: Event) => this.dispatchEvent(intentEvent({ type: 'choose-audio-device', role, deviceId: (event.target as HTMLSelectElement).value }))}
      >
        <option value="" ?selected=${chosen === ''}>${w.defaultDevice}</option>
        ${devices.map((device, index) => html`<option value=${device.id} ?selected=${device.id === chosen}>${device.label || w.unnamed(index + 1)}</option>`)}
        ${listed ? '' : html`<option value=${chosen} selected disabled>${w.notConnected(label)}</option>`}
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
