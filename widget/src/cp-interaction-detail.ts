/**
 * `<cp-interaction-detail>`: the caller of the selected connected or wrap-up interaction,
 * what the call pop showed while it rang, kept at hand during the call: every label the
 * caller earned, "Why this record", the picker while the winning screen-pop rule matched
 * several records, and the caller's recent interactions (customer journey). The lookup's
 * failure is plain text here: it was announced as an alert on the call pop already. A call
 * under way shows its controls here too (cp-call-controls: timer, mute, line quality, keypad;
 * cp-call-recording; cp-voicemail-drop on an outbound call), loaded the first time a call offers them.
 */
import { LitElement, css, html } from 'lit';
import type { CallerLookupView, InteractionView } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { systemClock, type Clock } from './clock.ts';
import { customerWords } from './words.ts';
import { words } from './catalogue/catalogue.ts';
import { laterWords } from './catalogue/later-words.ts';
import { poppedRecord } from './caller-record.ts';
import { pickerAndJourney } from './caller-findings.ts';
import { loadElement } from './lazy-elements.ts';

/** The caller detail. Fires `pick-record` (its picker) and `open-record` (its journey). */
export class CpInteractionDetail extends LitElement {
  static override properties = {
    view: { attribute: false },
    clock: { attribute: false },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      section {
        display: flex;
        flex-direction: column;
        gap: 6px;
        padding: 8px 10px 10px;
        border: 1px solid var(--cp-border);
        border-radius: var(--cp-radius);
        background: var(--cp-surface);
      }
      .head {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 8px;
      }
      h3 {
        margin: 0;
        font-size: 14px;
        overflow-wrap: anywhere;
      }
      .lookup {
        margin: 0;
        font-size: 12px;
        color: var(--cp-text-weak);
      }
      .lookup.failed {
        color: var(--cp-error-text);
      }
    `,
  ];

  /** The selected interaction (connected or in wrap up) with its caller lookup. */
  declare view: InteractionView | undefined;
  /** Time source for the journey's "3 d ago". */
  declare clock: Clock;

  constructor() {
    super();
    this.view = undefined;
    this.clock = systemClock;
  }

  protected override render() {
    const view = this.view;
    if (!view) return html``;
    // A callback alert once started: the call bar reads "Call to <number>" (seed 001).
    const callback = view.interaction.channel === 'callback' && view.interaction.direction === 'inbound';
    const who = callback ? laterWords().callbackAlert.callTo(view.interaction.callerNumber || view.interaction.callerName) : customerWords(view.interaction);
    if (view.caller.state === 'done') void loadElement('cp-caller-labels');
    return html`<section aria-label=${laterWords().callerDetail(who)}>
      <div class="head">
        <h3 class="who">${who}</h3>
        ${view.caller.state === 'done' ? html`<cp-caller-labels .labels=${view.caller.labels}></cp-caller-labels>` : ''}
      </div>
      ${this.#callback(view)} ${this.#callControls(view)} ${this.#recording(view)} ${this.#voicemailDrop(view)} ${this.#lookup(view.interaction.id, view.caller)}
    </section>`;
  }

  /** A started callback alert: which attempt, and how it stands ("Not connected: kept for another attempt"). */
  #callback(view: InteractionView) {
    const callback = view.callback;
    const w = laterWords().callbackAlert;
    const status = callback ? (w.statuses as Partial<Record<string, string>>)[callback.status] : undefined;
    if (!callback || !status) return '';
    return html`<p class="callback" role="status">${w.attempt(callback.attempt, callback.attemptLimit)} · ${status}${callback.reason ? html` · <span class="reason">${callback.reason}</span>` : ''}</p>`;
  }

  /** The controls of a call under way (it offers mute or unmute), loaded on first use. */
  #callControls(view: InteractionView) {
    if (!view.actions.includes('mute') && !view.actions.includes('unmute')) return '';
    void loadElement('cp-call-controls');
    return html`<cp-call-controls .view=${view} .clock=${this.clock}></cp-call-controls>`;
  }

  /** The call's recording (when the call center offers it or records on its own), loaded on first use. */
  #recording(view: InteractionView) {
    if (!view.recording) return '';
    void loadElement('cp-call-recording');
    return html`<cp-call-recording .view=${view}></cp-call-recording>`;
  }

  /** Voicemail drop on an outbound call that is connected (the admin's messages), loaded on first use. */
  #voicemailDrop(view: InteractionView) {
    if (!view.voicemailDrop) return '';
    void loadElement('cp-voicemail-drop');
    return html`<cp-voicemail-drop .view=${view}></cp-voicemail-drop>`;
  }

  #lookup(interactionId: string, caller: CallerLookupView) {
    if (caller.state === 'pending') return html`<p class="lookup">${words().callPop.lookingUp}</p>`;
    if (caller.state === 'failed') return html`<p class="lookup failed">${words().notices.message(caller.code, caller.message)}</p>`;
    const popped = poppedRecord(caller);
    if (popped) void loadElement('cp-why-record');
    return html`${popped ? html`<cp-why-record .match=${popped}></cp-why-record>` : ''}
    ${pickerAndJourney(interactionId, caller, this.clock)}`;
  }
}

if (!customElements.get('cp-interaction-detail')) customElements.define('cp-interaction-detail', CpInteractionDetail);

declare global {
  interface HTMLElementTagNameMap {
    'cp-interaction-detail': CpInteractionDetail;
  }
}
