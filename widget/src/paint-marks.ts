/**
 * Performance marks for the call pop: `contactpad:call-pop-painted` is set, once per
 * interaction, in the first animation frame after <contact-pad> has rendered it alerting.
 * The telephony room marks `contactpad:invite-received` with the same id; the benchmark
 * (`npm run bench`) reads both to measure INVITE-to-call-pop time. Marks cost nothing
 * measurable and never leave the browser.
 */
import type { ContactPadSnapshot } from '../../adapter/src/store.ts';

export const CALL_POP_PAINTED_MARK = 'contactpad:call-pop-painted';

const marked = new Set<string>();

export function markCallPopPainted(pad: HTMLElement & { updateComplete: Promise<boolean> }, snapshot: ContactPadSnapshot): void {
  const fresh = snapshot.interactions.filter(
    (view) => view.interaction.state === 'alerting' && view.interaction.direction === 'inbound' && !marked.has(view.interaction.id),
  );
  // Forget interactions no longer listed, so an eight-hour shift does not grow the set.
  for (const id of marked) if (!snapshot.interactions.some((view) => view.interaction.id === id)) marked.delete(id);
  if (fresh.length === 0) return;
  for (const view of fresh) marked.add(view.interaction.id);
  void pad.updateComplete.then(() =>
    requestAnimationFrame(() => {
      for (const view of fresh) performance.mark(CALL_POP_PAINTED_MARK, { detail: { interactionId: view.interaction.id } });
    }),
  );
}
