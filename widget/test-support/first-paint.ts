/**
 * What <contact-pad> loads right after its first paint, off the ring-and-answer path: the
 * interaction list, the caller detail, the caller's labels and "Why this record", the notices, the agent status choice (contact-pad.ts,
 * lazy-elements.ts) and what the keyboard shortcuts do (shortcut-keys.ts). An agent's first call or key comes long after they
 * arrived; a test's comes at once, so a test of the whole pad waits for them as an agent does.
 */
import { loadElement } from '../src/lazy-elements.ts';
import { deepQueryAll } from './queries.ts';

/** Waits until the after-first-paint parts are loaded and every element below `pad` (the pad, or a call pop...) has rendered. */
export async function afterFirstPaint<T extends Element>(pad: T): Promise<T> {
  await Promise.all(
    [
      loadElement('cp-interaction-list'),
      loadElement('cp-interaction-detail'),
      loadElement('cp-caller-labels'),
      loadElement('cp-why-record'),
      loadElement('cp-notice-list'),
      loadElement('cp-agent-status-choice'),
      import('../src/shortcuts.ts'),
    ],
  );
  await (pad as Element & { updateComplete?: Promise<unknown> }).updateComplete;
  for (const child of deepQueryAll<HTMLElement & { updateComplete?: Promise<unknown> }>(pad, '*')) await child.updateComplete;
  return pad;
}
