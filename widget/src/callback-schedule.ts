/**
 * The scheduling part of the Call back dialog (cp-callback-dialog.ts; desks/scheduled-call-desk.ts):
 * a date and time in the agent's own time zone (shown) to schedule the call instead of calling
 * now, and the agent's scheduled calls (when, who, number), each with a new time to move it to
 * and a Cancel. The checks (a time past, calling hours in the customer's time zone) are the
 * desk's; their notices say why a time is refused.
 */
import { css, html } from 'lit';
import type { CallbackChoiceView, Intent } from '../../adapter/src/store.ts';

/** What a `callback` intent asks. */
export type CallbackAsk = Extract<Intent, { readonly type: 'callback' }>['ask'];
import { laterWords } from './catalogue/later-words.ts';

export const scheduleStyles = css`
  .schedule {
    display: flex;
    flex-direction: column;
    gap: 6px;
    margin-top: 10px;
    border-top: 1px solid var(--cp-border);
    padding-top: 8px;
  }
  .schedule h3 {
    margin: 0;
    font-size: 13px;
  }
  .schedule ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .schedule li {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    align-items: center;
  }
`;

/** The agent's time zone, as the browser knows it. */
function agentZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A `datetime-local` value (the agent's local time) as an ISO 8601 instant; '' when it reads as no time (the desk says so). */
export function localToInstant(value: string): string {
  const at = new Date(value);
  return value === '' || Number.isNaN(at.getTime()) ? '' : at.toISOString();
}

function valueOf(form: HTMLFormElement, name: string): string {
  return (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
}

export function renderSchedule(choice: CallbackChoiceView, number: string, ask: (ask: CallbackAsk) => void) {
  const w = laterWords().callback;
  const when = (at: number) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const schedule = (event: SubmitEvent) => {
    event.preventDefault();
    ask({ to: 'schedule', number: number.trim(), at: localToInstant(valueOf(event.target as HTMLFormElement, 'at')), ...(choice.record ? { record: choice.record } : {}) });
  };
  const move = (id: string) => (event: SubmitEvent) => {
    event.preventDefault();
    ask({ to: 'move', id, at: localToInstant(valueOf(event.target as HTMLFormElement, 'at')) });
  };
  return html`<section class="schedule" aria-labelledby="schedule-title">
    <h3 id="schedule-title">${w.scheduleTitle}</h3>
    <form @submit=${schedule}>
      <label for="schedule-at">${w.when(agentZone())}</label>
      <input id="schedule-at" name="at" type="datetime-local" required />
      <p class="hint">${w.scheduleHint}</p>
      <button type="submit">${w.schedule}</button>
    </form>
    <h3>${w.scheduled}</h3>
    ${(choice.scheduled ?? []).length === 0
      ? html`<p class="hint">${w.noneScheduled}</p>`
      : html`<ul aria-label=${w.scheduled}>
          ${(choice.scheduled ?? []).map((call) => {
            const who = call.name || call.number;
            return html`<li>
              <span>${when(call.at)}</span> <span>${call.name}</span> <span>${call.number}</span>
              <form @submit=${move(call.id)}>
                <input name="at" type="datetime-local" required aria-label=${w.newTime(who)} />
                <button type="submit">${w.move}</button>
              </form>
              <button type="button" aria-label=${w.cancelScheduled(who)} @click=${() => ask({ to: 'cancel-scheduled', id: call.id })}>${w.cancel}</button>
            </li>`;
          })}
        </ul>`}
  </section>`;
}
