/**
 * `<cp-call-pop>`: the pop for one alerting interaction of any kind (a SIP INVITE ringing
 * the agent, or an Omni-Channel chat, email or case offered without auto-accept): kind, caller name and number, the Salesforce caller label(s) (Lead, Customer,
 * Previous Customer, Unknown), Call To (X-CP-Location), Queue (X-CP-Queue) and Ad Source
 * (X-CP-Ad-Source), "Why this record" (the screen-pop rule and field that matched), Accept
 * (200 OK, or the work item accepted) and Reject (a call, at once) or Decline (a chat,
 * email or case, with a reason from the decline dialog) as far as the store's actions
 * allow them (a video call's pop: no Ad Source, and Accept opens its video window), then, when the winning rule matched several records, the picker,
 * and the caller's recent interactions (customer journey). Every caller-supplied field and
 * every Salesforce value is rendered as text; a blank field stays blank.
 */
import { LitElement, css, html } from 'lit';
import type { CallerLookupView, InteractionView } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { systemClock, type Clock } from './clock.ts';
import { actionWords, channelWords, incomingAnnouncement, subjectWords } from './words.ts';
import { words } from './catalogue/catalogue.ts';
import { isCall } from './channels.ts';
import type { CpDeclineDialog } from './cp-decline-dialog.ts';
import { poppedRecord } from './caller-record.ts';
import { pickerAndJourney } from './caller-findings.ts';
import { definedElement, loadElement } from './lazy-elements.ts';
import { openVideoWindow } from './video-window-opener.ts';

/**
 * The call pop. Fires `accept` and `reject` for its interaction (a chat's, email's or
 * case's `reject` through its decline dialog, with the reason); its picker fires
 * `pick-record` and its journey `open-record`.
 */
export class CpCallPop extends LitElement {
  static override properties = {
    view: { attribute: false },
    declineReasons: { attribute: false },
    clock: { attribute: false },
  };

  // Caller-supplied values may be up to 128 characters (sip-header-contract.ts MAX_TEXT) and
  // Salesforce's longer: .name and dd keep to their lines (the name two, the rest one), cut with
  // an ellipsis, the whole value in their title (tooltip) and in the text a screen reader reads,
  // so Accept and Reject stay in the panel however long they are.
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      section {
        border: 1px solid var(--cp-border);
        border-left: 4px solid var(--cp-brand);
        border-radius: var(--cp-radius);
        background: var(--cp-surface);
        padding: 8px 10px 10px;
        box-shadow: var(--cp-shadow);
      }
      .top {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 8px;
      }
      .kind {
        margin: 0;
        font-size: 12px;
        font-weight: 700;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        color: var(--cp-brand-dark);
      }
      .lookup {
        margin: 0;
        font-size: 12px;
        color: var(--cp-text-weak);
      }
      .lookup.failed {
        margin-top: 4px;
        color: var(--cp-error-text);
      }
      .name,
      dd {
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 2;
        overflow: hidden;
        overflow-wrap: anywhere;
      }
      .name {
        margin: 4px 0 0;
        font-size: 16px;
        font-weight: 700;
      }
      .number {
        margin: 0;
        font-size: 14px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 2px 10px;
        margin: 8px 0 0;
      }
      dt {
        color: var(--cp-text-weak);
      }
      dd {
        margin: 0;
        -webkit-line-clamp: 1;
      }
      .actions {
        display: flex;
        gap: 8px;
        margin-top: 10px;
      }
      .actions button {
        flex: 1;
        min-height: 32px;
      }
      cp-why-record {
        margin-top: 2px;
      }
      cp-record-picker,
      cp-journey {
        margin-top: 10px;
      }
    `,
  ];

  /** The alerting interaction with its caller lookup. */
  declare view: InteractionView | undefined;
  /** Why the agent may decline a chat, email or case (snapshot.declineReasons). */
  declare declineReasons: readonly string[];
  /** Time source for the journey's "3 d ago". */
  declare clock: Clock;

  constructor() {
    super();
    this.view = undefined;
    this.declineReasons = [];
    this.clock = systemClock;
  }

  protected override render() {
    const view = this.view;
    if (!view) return html``;
    const call = view.interaction;
    // Call To and Ad Source are telephony facts (X-CP-Location, X-CP-Ad-Source): Omni-Channel work has neither;
    // a video call's pop (seed 000) shows name, number, Call To and Queue only.
    const sipCall = isCall(call.channel);
    const adSource = sipCall && call.channel !== 'video';
    return html`
      <section aria-label=${incomingAnnouncement(call)} tabindex="-1">
        <div class="top">
          <p class="kind">${channelWords(call.channel)}</p>
          ${this.#labels(view.caller)}
        </div>
        <p class="name" title=${call.callerName}>${call.callerName}</p>
        <p class="number" title=${call.callerNumber}>${call.callerNumber}</p>
        ${this.#lookupProblem(view.caller)}
        ${this.#why(view.caller)}
        <dl>
          ${sipCall
            ? html`<dt>${words().callPop.callTo}</dt>
                <dd class="location" title=${call.location}>${call.location}</dd>`
            : ''}
          <dt>${words().callPop.queue}</dt>
          <dd class="queue" title=${call.queue}>${call.queue}</dd>
          ${adSource
            ? html`<dt>${words().callPop.adSource}</dt>
                <dd class="ad-source" title=${call.adSource}>${call.adSource}</dd>`
            : ''}
        </dl>
        <div class="actions">
          ${view.actions.includes('accept') ? html`<button type="button" class="success" @click=${this.#accept}>${actionWords('accept', call.channel)}</button>` : ''}
          ${view.actions.includes('reject')
            ? html`<button type="button" class="destructive" @click=${this.#reject}>${actionWords('reject', call.channel)}</button>`
            : ''}
        </div>
        ${this.#lookupDetails(call.id, view.caller)}
      </section>
      <cp-decline-dialog .reasons=${this.declineReasons}></cp-decline-dialog>
    `;
  }

  #why(caller: CallerLookupView) {
    const popped = poppedRecord(caller);
    if (!popped) return '';
    // Loaded after the first paint (contact-pad.ts), long before a Salesforce lookup can be done; else here.
    void loadElement('cp-why-record');
    return html`<cp-why-record .match=${popped}></cp-why-record>`;
  }

  #lookupDetails(interactionId: string, caller: CallerLookupView) {
    if (caller.state !== 'done') return '';
    return pickerAndJourney(interactionId, caller, this.clock);
  }

  #labels(caller: CallerLookupView) {
    if (caller.state === 'pending') return html`<p class="lookup" role="status">${words().callPop.lookingUp}</p>`;
    if (caller.state !== 'done' || caller.labels.length === 0) return html``;
    void loadElement('cp-caller-labels');
    return html`<cp-caller-labels .labels=${caller.labels}></cp-caller-labels>`;
  }

  #lookupProblem(caller: CallerLookupView) {
    if (caller.state !== 'failed') return html``;
    return html`<p class="lookup failed" role="alert">${words().notices.message(caller.code, caller.message)}</p>`;
  }

  #accept(): void {
    const call = this.view?.interaction;
    if (!call) return;
    // A video call opens its window now: the browser opens one only in answer to this click.
    if (call.channel === 'video') openVideoWindow(call.id);
    this.dispatchEvent(intentEvent({ type: 'accept', interactionId: call.id }));
  }

  /** Rejects a call at once; declines other work with the agent's reason. */
  #reject(event: Event): void {
    const call = this.view?.interaction;
    if (!call) return;
    if (isCall(call.channel)) this.dispatchEvent(intentEvent({ type: 'reject', interactionId: call.id }));
    else {
      const opener = event.currentTarget as HTMLElement;
      void definedElement<CpDeclineDialog>(this.renderRoot, 'cp-decline-dialog', this.updateComplete).then((dialog) =>
        dialog?.decline({ interactionId: call.id, subject: subjectWords(call), opener }),
      );
    }
  }
}

if (!customElements.get('cp-call-pop')) customElements.define('cp-call-pop', CpCallPop);

declare global {
  interface HTMLElementTagNameMap {
    'cp-call-pop': CpCallPop;
  }
}
