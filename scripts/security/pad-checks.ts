/**
 * What the security suite reads of ContactPad in the softphone frame, as an agent sees it: the
 * ringing pop, whether its Accept is inside the softphone panel and is what a click there
 * reaches, and whether the pad is still Ready.
 */
import type { Frame } from 'playwright-core';

/** Where the pop's Accept (or Start Call) is, against the softphone panel's box (the frame's viewport). */
export interface AcceptPlacement {
  /** The pop has an Accept button at all. */
  readonly found: boolean;
  /** Wholly inside the panel's box, without scrolling. */
  readonly inside: boolean;
  /** A click at its centre reaches it (nothing covers it). */
  readonly clickable: boolean;
  readonly rect: { top: number; bottom: number; left: number; right: number } | undefined;
  readonly panel: { width: number; height: number };
}

/** The ringing pops in ContactPad (cp-call-pop elements with content). */
export function ringingPops(softphone: Frame): Promise<number> {
  return softphone.evaluate(() => {
    const pad = document.querySelector('contact-pad');
    return Array.from(pad?.shadowRoot?.querySelectorAll('cp-call-pop') ?? []).filter((pop) => pop.shadowRoot?.querySelector('section')).length;
  });
}

/** Waits until ContactPad shows `count` ringing pops; false when it did not within `timeoutMs`. */
export async function waitForPops(softphone: Frame, count: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await ringingPops(softphone).catch(() => -1)) === count) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Waits until the pop's caller lookup has answered (no "Looking up" left) or `timeoutMs`, then
 * for two frames to be painted, so lazily loaded parts (labels, why this record, journey) and
 * anything a payload would start (an image's onerror, an autofocus) have had their turn.
 */
export async function settle(softphone: Frame, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await softphone
      .evaluate(() => {
        const pad = document.querySelector('contact-pad');
        return Array.from(pad?.shadowRoot?.querySelectorAll('cp-call-pop') ?? []).some((pop) => pop.shadowRoot?.querySelector('.lookup[role=status]'));
      })
      .catch(() => false);
    if (!pending || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await softphone.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50)))));
}

/** Where the first ringing pop's Accept is (see {@link AcceptPlacement}). */
export function acceptPlacement(softphone: Frame): Promise<AcceptPlacement> {
  return softphone.evaluate(() => {
    const pad = document.querySelector('contact-pad');
    const pop = Array.from(pad?.shadowRoot?.querySelectorAll('cp-call-pop') ?? []).find((each) => each.shadowRoot?.querySelector('section'));
    const button = pop?.shadowRoot?.querySelector<HTMLButtonElement>('.actions button.success');
    const panel = { width: window.innerWidth, height: window.innerHeight };
    if (!button) return { found: false, inside: false, clickable: false, rect: undefined, panel };
    const box = button.getBoundingClientRect();
    const rect = { top: box.top, bottom: box.bottom, left: box.left, right: box.right };
    const inside = box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= panel.height && box.right <= panel.width;
    // What a click at its centre reaches, through every shadow root on the way.
    let reached: Element | null = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    while (reached?.shadowRoot) {
      const inner: Element | null = reached.shadowRoot.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (!inner || inner === reached) break;
      reached = inner;
    }
    return { found: true, inside, clickable: reached === button || (reached !== null && button.contains(reached)), rect, panel };
  });
}

/** Whether the pad still says the phone is ready and the agent Ready (after a payload). */
export function padReady(softphone: Frame): Promise<boolean> {
  return softphone
    .evaluate(() => {
      const pad = document.querySelector('contact-pad');
      const status = pad?.shadowRoot?.querySelector('cp-phone-status')?.shadowRoot?.textContent ?? '';
      return /Phone ready/.test(status);
    })
    .catch(() => false);
}
