/**
 * `<cp-callback-progress>`: how far a callback through another of the agent's devices got, on
 * its interaction in the list (desks/callback-desk.ts): ringing your device, calling the
 * customer, connected on your device, or failed with the reason; announced as it changes.
 * Defined with the dial pad (cp-dialer.ts), which loads after the first paint, off the
 * ring-and-answer bundle; the list renders it only for such a callback.
 */
import { LitElement, css, html } from 'lit';
import type { DeviceCallbackView } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { laterWords } from './catalogue/later-words.ts';
import { deviceWords } from './callback-device-words.ts';

export class CpCallbackProgress extends LitElement {
  static override properties = { progress: { attribute: false } };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        font-size: 12px;
      }
      .failed {
        color: var(--cp-error-text);
      }
    `,
  ];

  declare progress: DeviceCallbackView | undefined;

  constructor() {
    super();
    this.progress = undefined;
  }

  protected override render() {
    const progress = this.progress;
    if (!progress) return html``;
    const w = laterWords().callback;
    return html`<p role="status" class=${progress.step}>
      ${w.steps[progress.step]}${progress.reason ? `: ${progress.reason}` : ''} · ${deviceWords(progress.device)}
    </p>`;
  }
}

if (!customElements.get('cp-callback-progress')) customElements.define('cp-callback-progress', CpCallbackProgress);

declare global {
  interface HTMLElementTagNameMap {
    'cp-callback-progress': CpCallbackProgress;
  }
}
