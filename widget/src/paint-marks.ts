/**
 * Performance marks for the call pop: `contactpad:call-pop-painted` is set, once per
 * interaction, after the frame that shows it alerting has been painted: <contact-pad> has
 * rendered it (updateComplete), the next animation frame ran, and that frame's rendering (style,
 * layout, paint) is over by the first task after it (a MessageChannel message posted from the
 * animation-frame callback; the callback itself runs before that frame's paint). The telephony
 * room marks `contactpad:invite-received` with the same id; the benchmark (`npm run bench`)
 * reads both, and the time its caller sent the INVITE. Marks cost nothing measurable and never
 * leave the browser.
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
    afterPaint(() => {
      for (const view of fresh) performance.mark(CALL_POP_PAINTED_MARK, { detail: { interactionId: view.interaction.id } });
    }),
  );
}

/** Runs `then` in the first task after the next frame is painted (see the file comment). */
function afterPaint(then: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      then();
    };
    channel.port2.postMessage(undefined);
  });
}
