/**
 * The 'Colleague: Jordan Lee' panel beside the customer simulator: the colleague's phone
 * (colleague-phone.ts) that the agent consults or transfers to. It shows the registration and
 * the phone's state (Idle, Ringing, In a call with <caller>, Call ended), an 'Answer
 * automatically' checkbox (on: the phone answers after about a second; off: Answer and Decline
 * buttons while it rings), Hang up, and a player for the caller's voice (muted at first, so the
 * agent does not hear themselves twice).
 */
import { html, nothing, render } from 'lit';
import type { ColleaguePhone } from './colleague-phone.ts';

/** Renders and runs the colleague's panel in `host`. */
export function mountColleaguePanel(host: HTMLElement, colleague: ColleaguePhone): void {
  const content = document.createElement('div');
  const media = document.createElement('audio');
  media.controls = true;
  media.muted = true;
  media.className = 'colleague-media';
  media.setAttribute('aria-label', `What ${colleague.displayName} hears`);
  media.setAttribute('data-testid', 'colleague-media');
  host.append(content, media);
  colleague.attachRemoteMedia(media);

  const update = (): void => {
    render(view(), content);
  };
  colleague.onChange(update);

  const ringing = (): boolean => colleague.phase === 'ringing';
  const view = () => html`
    <h2 id="colleague-title">Colleague: ${colleague.displayName}</h2>
    <p class="muted">Another agent's phone, to consult or transfer calls to.</p>
    <p class="registration" data-testid="colleague-registration" data-registration=${colleague.registration}>
      SIP: ${colleague.registration === 'registered' ? `registered as ${colleague.user}` : colleague.registrationStatus}
    </p>
    <p class="status" role="status" data-testid="colleague-state" data-phase=${colleague.phase}>${colleague.state}</p>
    ${ringing() && colleague.caller ? html`<p class="muted" data-testid="colleague-caller">${colleague.caller} is calling</p>` : nothing}
    <label class="checkbox">
      <input type="checkbox" data-testid="colleague-auto-answer" .checked=${colleague.autoAnswer}
        @change=${(event: Event) => colleague.setAutoAnswer((event.target as HTMLInputElement).checked)} />
      Answer automatically
    </label>
    <div class="buttons">
      ${colleague.autoAnswer
        ? nothing
        : html`<button type="button" class="brand" data-testid="colleague-answer" ?disabled=${!ringing()} @click=${() => void colleague.answer()}>Answer</button>
            <button type="button" data-testid="colleague-decline" ?disabled=${!ringing()} @click=${() => void colleague.decline()}>Decline</button>`}
      <button type="button" data-testid="colleague-hangup" ?disabled=${colleague.phase !== 'connected'} @click=${() => void colleague.hangUp()}>Hang up</button>
    </div>
  `;
  update();
}
