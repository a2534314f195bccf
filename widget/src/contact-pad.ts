/**
 * `<contact-pad>`: the whole pad in the console's softphone panel. It renders one store
 * snapshot: the phone connection (SIP registration), whether the console bridge is
 * missing (tab sync and Omni-Channel off), the agent state, notices (loaded after the first paint), a call pop
 * for every alerting interaction, the caller detail (labels, why this record, picker,
 * journey; loaded after the first paint) and the wrap-up form for the selected interaction, the interaction list (loaded after the first paint), and the
 * dial box, and the devices panel (loaded when opened), and Report a problem (its dialog loaded when
 * opened, from here or from a finished call's row). Incoming calls also show as browser
 * notifications while ContactPad is out of sight (call-notifications.ts). Every agent action leaves it as a `contactpad-intent`
 * event (see intent-event.ts) fired by the child that took it.
 */
import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { ContactPadSnapshot, InteractionView } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { systemClock, type Clock } from './clock.ts';
import { incomingAnnouncement } from './words.ts';
import './cp-phone-status.ts';
import './cp-agent-state.ts';
import './cp-call-pop.ts';
import { loadElement } from './lazy-elements.ts';
import { CallNotifications, ringingCalls } from './call-notifications.ts';
import { INTENT_EVENT, intentEvent } from './intent-event.ts';
import { words } from './catalogue/catalogue.ts';
import { AgentLanguageController } from './catalogue/agent-language-controller.ts';
import { Announcer } from './announcer.ts';
import { FocusKeeper } from './focus-keeper.ts';
import { ShortcutKeys } from './shortcut-keys.ts';
import { statusChanges } from './status-announcements.ts';

/** The interaction whose wrap-up form shows: the selected one, else the newest in wrap up. */
function wrapUpTarget(snapshot: ContactPadSnapshot): InteractionView | undefined {
  const inWrapUp = snapshot.interactions.filter((view) => view.interaction.state === 'wrap-up');
  const selected = snapshot.interactions.find((view) => view.interaction.id === snapshot.selectedId);
  if (selected) return selected.interaction.state === 'wrap-up' ? selected : undefined;
  return inWrapUp[0];
}

/**
 * The interaction whose caller detail shows: the selected one while connected or in wrap
 * up; with nothing selected, the newest connected one, else the wrap-up form's.
 */
function detailTarget(snapshot: ContactPadSnapshot): InteractionView | undefined {
  const selected = snapshot.interactions.find((view) => view.interaction.id === snapshot.selectedId);
  if (selected) return ['connected', 'held', 'wrap-up'].includes(selected.interaction.state) ? selected : undefined;
  return snapshot.interactions.find((view) => view.interaction.state === 'connected') ?? wrapUpTarget(snapshot);
}

/** The ContactPad widget root. */
export class ContactPad extends LitElement {
  static override properties = {
    snapshot: { attribute: false },
    clock: { attribute: false },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        min-width: 240px;
        background: var(--cp-surface-alt);
      }
      .pad {
        display: flex;
        flex-direction: column;
        gap: 8px;
        padding: 8px;
      }
      .starting {
        margin: 0;
        padding: 12px 8px;
        color: var(--cp-text-weak);
      }
      .card {
        padding: 8px 10px;
        border: 1px solid var(--cp-border);
        border-radius: var(--cp-radius);
        background: var(--cp-surface);
      }
      .pops {
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      .bridge-off {
        margin: 0;
        font-size: 12px;
        color: var(--cp-text-weak);
      }
      h2 {
        margin: 4px 0 2px;
        font-size: 12px;
        font-weight: 700;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        color: var(--cp-text-weak);
      }
    `,
  ];

  /** The store's current snapshot; undefined until the controller has started. */
  declare snapshot: ContactPadSnapshot | undefined;
  /** Time source handed to every counting child (tests pass a fake clock). */
  declare clock: Clock;

  /** Alerting interactions already announced, so each incoming call is announced once. */
  #announced = new Set<string>();
  #announcement = '';
  /** Browser notifications of ringing calls while ContactPad is out of sight. */
  readonly #notifications = new CallNotifications(this);
  /** The agent's language (the snapshot's agentLanguage): nothing but "Starting…" shows until its words are there. */
  readonly #language = new AgentLanguageController(this, () => this.snapshot);
  /** Changes a screen reader user hears about (a call held, muted, in wrap up; the agent's status; a shortcut). */
  readonly #announcer = new Announcer(this);
  /** Keeps the focus in ContactPad when Accept, Release or Done re-render away the button that had it. */
  readonly #focusKeeper = new FocusKeeper(this);
  /** The agent's keyboard shortcuts (accept, reject, hold, mute, release): what they do loads right after the first paint (shortcut-keys.ts). */
  readonly #shortcutKeys = new ShortcutKeys(this, (words) => this.#announcer.announce(words));
  /** A call or work item started alerting: its pop is scrolled into the panel once rendered. */
  #popsToShow = false;
  /** The devices panel (microphone, speaker, ringer) is open; it loads the first time. */
  #devicesOpen = false;
  /** The first call's templates being prepared (template-warm-up.ts): the hidden block, while it renders. */
  #warmUp: { readonly block: TemplateResult; readonly rendered: (root: ParentNode) => Promise<void> } | undefined;

  constructor() {
    super();
    this.snapshot = undefined;
    this.clock = systemClock;
    // Going Ready is when the agent expects calls: the browser asks then (inside their click) whether ContactPad may notify.
    this.addEventListener(INTENT_EVENT, (event) => {
      if (event.detail.type === 'set-agent-status' && event.detail.choice.status === 'ready') this.#notifications.askPermission();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('snapshot')) return;
    if (this.snapshot) this.#announcer.announce(...statusChanges(changed.get('snapshot'), this.snapshot));
    this.#notifications.update(ringingCalls(this.snapshot?.interactions ?? []));
    const alerting = (this.snapshot?.interactions ?? []).filter((view) => view.interaction.state === 'alerting' && view.interaction.direction === 'inbound');
    const fresh = alerting.filter((view) => !this.#announced.has(view.interaction.id));
    if (fresh.length > 0) this.#announcement = fresh.map((view) => incomingAnnouncement(view.interaction)).join('. ');
    else if (alerting.length === 0) this.#announcement = '';
    this.#announced = new Set(alerting.map((view) => view.interaction.id));
    this.#popsToShow ||= fresh.length > 0;
  }

  protected override updated(): void {
    if (!this.#popsToShow) return;
    this.#popsToShow = false;
    const pops = this.renderRoot.querySelector('.pops');
    // Once the pops themselves have rendered: before that they have no height.
    void Promise.all(Array.from(pops?.querySelectorAll('cp-call-pop') ?? [], (pop) => pop.updateComplete)).then(() => showPops(pops));
  }

  protected override render() {
    const snapshot = this.snapshot;
    // The live region exists from the first paint, so the first call is announced too.
    const live = html`<div class="visually-hidden" aria-live="assertive" aria-atomic="true">${this.#announcement}</div>`;
    if (!snapshot || !this.#language.ready) return html`${live}${this.#announcer.render()}<p class="starting" role="status">${words().pad.starting}</p>`;
    const alerting = snapshot.interactions.filter((view) => view.interaction.state === 'alerting' && view.interaction.direction === 'inbound');
    const wrapUp = wrapUpTarget(snapshot);
    const detail = detailTarget(snapshot);
    if (wrapUp) void loadElement('cp-wrap-up-form');
    // The dial pad, recent numbers and favourites: not needed to ring and answer, loaded after the first paint.
    void loadElement('cp-dialer');
    // The caller detail of the answered call: not needed to ring, loaded after the first paint, so it is there once the agent answers.
    void loadElement('cp-interaction-detail');
    // The interaction list: a call rings and is answered in its call pop; the list's rows (Hold, Release,
    // Transfer once answered; chats, emails, cases) load after the first paint, long before the phone has
    // its credential and has registered, so they are there when the first call comes.
    void loadElement('cp-interaction-list');
    // The caller's labels and "Why this record" show once Salesforce answered the caller lookup (the CRM
    // room and jsforce load after the phone registered): loaded now, they are there well before.
    void loadElement('cp-caller-labels');
    void loadElement('cp-why-record');
    // The notices (configuration problems, errors): read from the snapshot, so a notice that came before the
    // list loaded shows (and its role=alert is announced) once the list has, right after the first paint.
    void loadElement('cp-notice-list');
    return html`
      ${live}${this.#announcer.render()}
      <div class="pad">
        <cp-phone-status .phone=${snapshot.phone} .tab=${snapshot.phoneTab} .clock=${this.clock}></cp-phone-status>
        ${snapshot.bridge === 'missing' ? html`<p class="bridge-off">${words().pad.bridgeMissing}</p>` : ''}
        <cp-agent-state class="card" .agent=${snapshot.agent} .notReadyReasons=${snapshot.notReadyReasons}></cp-agent-state>
        <cp-notice-list .notices=${snapshot.notices} ?hidden=${snapshot.notices.length === 0}></cp-notice-list>
        <div class="pops" ?hidden=${alerting.length === 0}>
          ${alerting.map((view) => keyed(view.interaction.id, html`<cp-call-pop .view=${view} .declineReasons=${snapshot.declineReasons} .clock=${this.clock}></cp-call-pop>`))}
        </div>
        <cp-interaction-detail .view=${detail} .clock=${this.clock} ?hidden=${!detail}></cp-interaction-detail>
        <cp-wrap-up-form .view=${wrapUp} .dispositions=${snapshot.dispositions} .clock=${this.clock} ?hidden=${!wrapUp}></cp-wrap-up-form>
        <section aria-labelledby="interactions-heading">
          <h2 id="interactions-heading">${words().pad.interactions}</h2>
          <cp-interaction-list
            .interactions=${snapshot.interactions}
            .selectedId=${snapshot.selectedId}
            .directory=${snapshot.directory}
            .declineReasons=${snapshot.declineReasons}
            .clock=${this.clock}
          ></cp-interaction-list>
        </section>
        <cp-dialer
          class="card"
          .registered=${snapshot.phone.state === 'registered'}
          .history=${snapshot.dialHistory}
          .failedCallReasons=${snapshot.failedCallReasons}
          .interactions=${snapshot.interactions}
          .callback=${snapshot.callback}
          .callingList=${snapshot.callingList}
          .scheduledCalls=${snapshot.scheduledCalls}
        ></cp-dialer>
        <div class="card">
          <button type="button" aria-expanded=${this.#devicesOpen ? 'true' : 'false'} aria-controls="audio-settings" @click=${this.#toggleDevices}>${words().pad.devices}</button>
          <button type="button" aria-haspopup="dialog" @click=${this.#reportProblem}>${words().pad.reportProblem}</button>
          ${this.#devicesOpen ? html`<cp-audio-settings id="audio-settings" .audio=${snapshot.audio}></cp-audio-settings>` : ''}
        </div>
        ${snapshot.problemReport ? this.#problemReport(snapshot.problemReport) : ''}
        ${this.#warmUp?.block ?? ''}
      </div>
    `;
  }

  /**
   * Prepares the first ringing call's templates (template-warm-up.ts): the app asks once the phone
   * has settled and the browser is idle. Resolves once done (the hidden block rendered and removed).
   */
  async prepareFirstCall(): Promise<void> {
    const [{ warmUpTemplate, warmUpRendered }] = await Promise.all([import('./template-warm-up.ts'), loadElement('cp-interaction-list')]);
    if (!this.snapshot) return;
    this.#warmUp = { block: warmUpTemplate(this.clock), rendered: warmUpRendered };
    this.requestUpdate();
    await this.updateComplete;
    const root = this.renderRoot;
    await this.#warmUp?.rendered(root);
    this.#warmUp = undefined;
    this.requestUpdate();
    await this.updateComplete;
  }

  /** Report a problem: the controller opens a report; its dialog (below) shows it. */
  readonly #reportProblem = (): void => {
    this.dispatchEvent(intentEvent({ type: 'problem-report', action: { kind: 'open' } }));
  };

  /** The report the controller holds (opened here or from a finished call's row), in its dialog, loaded the first time. */
  #problemReport(report: NonNullable<ContactPadSnapshot['problemReport']>) {
    void loadElement('cp-problem-report-dialog');
    return html`<cp-problem-report-dialog .report=${report}></cp-problem-report-dialog>`;
  }

  readonly #toggleDevices = (): void => {
    this.#devicesOpen = !this.#devicesOpen;
    if (this.#devicesOpen) void loadElement('cp-audio-settings');
    this.requestUpdate();
  };
}

/**
 * Brings the pops (Accept, Reject) into the softphone panel when the agent had scrolled the pad
 * away from them (to the dial box, a long list, a wrap up): the frame's own document scrolls,
 * never the console around it, and the focus stays where the agent was typing.
 */
function showPops(pops: Element | null): void {
  const box = pops?.getBoundingClientRect();
  if (!box || box.height === 0) return;
  if (box.top < 0 || box.bottom > window.innerHeight) window.scrollBy({ top: box.top - 8, behavior: 'instant' });
}

if (!customElements.get('contact-pad')) customElements.define('contact-pad', ContactPad);

declare global {
  interface HTMLElementTagNameMap {
    'contact-pad': ContactPad;
  }
}
