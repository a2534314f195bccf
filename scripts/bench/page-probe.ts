/**
 * What the bench reads inside a page (ContactPad's softphone frame, or the baseline page), the
 * same way for both:
 *
 * - {@link PROBE_SCRIPT}, added to the browser context before the pages load (Playwright's
 *   addInitScript runs it in every frame before the page's own scripts): it wraps the page's
 *   WebSocket to note, on the page's own clock (performance.now(), ms since the page's navigation
 *   started), when the first WebSocket was made and opened, when each REGISTER went out and when
 *   the first `200 OK` to a REGISTER arrived (its message event, before sip.js reads it: the
 *   probe's listener is added first). Nothing else is changed or slowed beyond one string test
 *   per message.
 * - the performance marks both pages set per call (`contactpad:invite-received`,
 *   `contactpad:call-pop-painted`, with the interaction id in their detail), as epoch times
 *   (performance.timeOrigin + startTime);
 * - Resource Timing: every file and request the page fetched, with its sizes as transferred.
 */
import type { Frame } from 'playwright-core';

/** The probe's notes, on the page's clock (ms since its navigation started). */
export interface ProbeNotes {
  readonly socketCreatedAt: number | undefined;
  readonly socketOpenedAt: number | undefined;
  readonly registerSentAt: readonly number[];
  readonly registeredAt: number | undefined;
}

declare global {
  interface Window {
    __benchProbe?: { socketCreatedAt?: number; socketOpenedAt?: number; registerSentAt: number[]; registeredAt?: number };
  }
}

/** Added with context.addInitScript: runs first in every frame of the context. */
export const PROBE_SCRIPT = `(() => {
  if (window.__benchProbe || typeof window.WebSocket !== 'function') return;
  const probe = (window.__benchProbe = { registerSentAt: [] });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      if (probe.socketCreatedAt === undefined) probe.socketCreatedAt = performance.now();
      this.addEventListener('open', () => {
        if (probe.socketOpenedAt === undefined) probe.socketOpenedAt = performance.now();
      });
      this.addEventListener('message', (event) => {
        if (probe.registeredAt !== undefined || typeof event.data !== 'string' || !event.data.startsWith('SIP/2.0 200')) return;
        if (/\\r\\nCSeq:\\s*\\d+\\s+REGISTER\\r\\n/i.test(event.data)) probe.registeredAt = performance.now();
      });
    }
    send(data) {
      if (typeof data === 'string' && data.startsWith('REGISTER ')) probe.registerSentAt.push(performance.now());
      return super.send(data);
    }
  };
})();`;

/** The probe's notes once the page has registered (waits for the 200 OK). */
export async function registeredNotes(frame: Frame, timeoutMs = 30_000): Promise<ProbeNotes> {
  await frame.waitForFunction(() => window.__benchProbe?.registeredAt !== undefined, undefined, { timeout: timeoutMs, polling: 50 });
  return frame.evaluate(() => {
    const probe = window.__benchProbe!;
    return { socketCreatedAt: probe.socketCreatedAt, socketOpenedAt: probe.socketOpenedAt, registerSentAt: [...probe.registerSentAt], registeredAt: probe.registeredAt };
  });
}

/** A call's two marks in a page, as epoch ms. */
export interface CallMarks {
  readonly receivedAt: number;
  readonly paintedAt: number;
}

/** Waits for both marks of the call `interactionId` and returns them as epoch times. */
export async function callMarks(frame: Frame, interactionId: string, timeoutMs = 15_000): Promise<CallMarks> {
  const handle = await frame.waitForFunction(
    (id) => {
      const find = (name: string) => performance.getEntriesByName(name, 'mark').find((mark) => (mark as PerformanceMark).detail?.interactionId === id);
      const received = find('contactpad:invite-received');
      const painted = find('contactpad:call-pop-painted');
      return received && painted ? { receivedAt: performance.timeOrigin + received.startTime, paintedAt: performance.timeOrigin + painted.startTime } : undefined;
    },
    interactionId,
    { timeout: timeoutMs, polling: 'raf' },
  );
  return (await handle.jsonValue()) as CallMarks;
}

/** Forgets the marks of earlier calls (a long run would keep every one). */
export async function clearCallMarks(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    performance.clearMarks('contactpad:invite-received');
    performance.clearMarks('contactpad:call-pop-painted');
  });
}

/** One Resource Timing entry, relative to the page's navigation start (ms). */
export interface FetchedResource {
  readonly path: string;
  readonly startTime: number;
  readonly responseEnd: number;
  /** Bytes of the body as transferred (compressed when the server compressed it). */
  readonly encodedBodySize: number;
  /** Bytes of the body once decompressed. */
  readonly decodedBodySize: number;
  readonly initiatorType: string;
}

/** Every resource the page fetched so far (its own origin's paths; others' full URLs). */
export async function fetchedResources(frame: Frame): Promise<FetchedResource[]> {
  return frame.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => ({
      path: entry.name.startsWith(location.origin) ? entry.name.slice(location.origin.length) : entry.name,
      startTime: entry.startTime,
      responseEnd: entry.responseEnd,
      encodedBodySize: entry.encodedBodySize,
      decodedBodySize: entry.decodedBodySize,
      initiatorType: entry.initiatorType,
    })),
  );
}

/** Every node in the page's document, shadow roots included (elements, text, comments). */
export async function domNodeCount(frame: Frame): Promise<number> {
  return frame.evaluate(() => {
    let count = 0;
    const visit = (root: Node): void => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
      for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
        count += 1;
        const shadow = (node as Element).shadowRoot;
        if (shadow) visit(shadow);
      }
    };
    visit(document);
    return count;
  });
}
