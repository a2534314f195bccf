/**
 * How the security suite notices a payload that ran: a trap in every frame of the browser
 * context (the console page, ContactPad's softphone frame, any window or frame they open),
 * installed before the page's own scripts, plus Playwright's dialog and console events and the
 * requests the pages make.
 *
 * - `window.__xss(mark)`: what every payload calls when it runs (payloads.ts);
 * - a dialog (alert, confirm, prompt) whose text holds a mark: dismissed and counted;
 * - a console message "xss-ran:<mark>" (payloads that call console.error; a log line that only
 *   quotes a payload's text is not a sign: the payload builds that string when it runs);
 * - a request for /xss-probe/<mark>... (markup that fetched: `<img src=/xss-probe/<mark>.png>`);
 * - uncaught errors and unhandled rejections in ContactPad's frame: counted as crashes.
 */
import type { BrowserContext, ConsoleMessage, Dialog, Request } from 'playwright-core';

/** One sign that a payload ran. */
export interface Execution {
  readonly mark: string;
  /** trap, dialog, console, request */
  readonly how: string;
  /** The frame or page where it happened. */
  readonly where: string;
}

/** An uncaught error or unhandled rejection in a page. */
export interface PageFailure {
  readonly message: string;
  readonly where: string;
}

declare global {
  interface Window {
    __xss?: (mark: unknown) => void;
    __xssHits?: () => Array<{ mark: string; how: string; where: string }>;
    __pageFailures?: () => Array<{ message: string; where: string }>;
  }
}

/** The script every frame runs first (kept ES5-simple: it runs in any frame, srcdoc ones included). */
function installTrap(): void {
  const hits: Array<{ mark: string; how: string; where: string }> = [];
  const failures: Array<{ message: string; where: string }> = [];
  const where = () => {
    try {
      return String(location.href).slice(0, 200);
    } catch {
      return '?';
    }
  };
  const trap = (mark: unknown) => {
    hits.push({ mark: String(mark).slice(0, 200), how: 'trap', where: where() });
  };
  try {
    Object.defineProperty(window, '__xss', { value: trap, writable: false, configurable: false });
    Object.defineProperty(window, '__xssHits', { value: () => hits.slice(), writable: false, configurable: false });
    Object.defineProperty(window, '__pageFailures', { value: () => failures.slice(), writable: false, configurable: false });
  } catch {
    // defined already (a document that ran the script twice)
  }
  window.addEventListener('error', (event) => {
    // Resource load errors (an <img> that fails) reach window only in the capture phase and carry no `error`.
    if (event.target !== window && event.target !== null && !(event instanceof ErrorEvent)) return;
    failures.push({ message: String(event.message || event.error || 'error').slice(0, 500), where: where() });
  });
  window.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason as { message?: unknown } | undefined;
    failures.push({ message: `unhandled rejection: ${String(reason?.message ?? reason).slice(0, 500)}`, where: where() });
  });
}

/** What the trap saw in the whole context (read with {@link Trap.collect}). */
export class Trap {
  readonly #context: BrowserContext;
  readonly #executions: Execution[] = [];
  readonly #marks: RegExp;
  readonly #consoleLines: Array<{ type: string; text: string; where: string }> = [];
  readonly #requestUrls: string[] = [];
  readonly #authorizations: Array<{ url: string; value: string }> = [];

  private constructor(context: BrowserContext, markPattern: RegExp) {
    this.#context = context;
    this.#marks = new RegExp(markPattern.source, 'g');
  }

  /** Installs the trap in `context` (before any page of it loads) and starts listening. */
  static async install(context: BrowserContext, markPattern: RegExp): Promise<Trap> {
    const trap = new Trap(context, markPattern);
    await context.addInitScript(installTrap);
    context.on('dialog', (dialog: Dialog) => {
      for (const mark of trap.#marksIn(dialog.message())) trap.#executions.push({ mark, how: 'dialog', where: dialog.page()?.url() ?? '?' });
      void dialog.dismiss().catch(() => undefined);
    });
    context.on('console', (message: ConsoleMessage) => {
      const text = message.text();
      const where = message.location().url;
      trap.#consoleLines.push({ type: message.type(), text: text.slice(0, 2000), where });
      for (const mark of trap.#marksIn(text, /xss-ran:/)) trap.#executions.push({ mark, how: `console.${message.type()}`, where });
    });
    context.on('request', (request: Request) => {
      const url = request.url();
      trap.#requestUrls.push(url);
      const authorization = request.headers()['authorization'];
      if (authorization) trap.#authorizations.push({ url, value: authorization });
      for (const mark of trap.#marksIn(url, /\/xss-probe\//)) trap.#executions.push({ mark, how: 'request', where: safeFrameUrl(request) });
    });
    return trap;
  }

  /** The marks in `text`; with `prefix`, only those right after it. */
  #marksIn(text: string, prefix?: RegExp): string[] {
    const pattern = prefix ? new RegExp(`${prefix.source}(${this.#marks.source})`, 'g') : this.#marks;
    return [...new Set(prefix ? [...text.matchAll(pattern)].map((found) => found[1] ?? '') : (text.match(pattern) ?? []))];
  }

  /** Every console line of the context so far (the token scan reads them too). */
  get consoleLines(): ReadonlyArray<{ type: string; text: string; where: string }> {
    return this.#consoleLines;
  }

  /** The Authorization header of every request that had one, with its URL. */
  get authorizations(): ReadonlyArray<{ url: string; value: string }> {
    return this.#authorizations;
  }

  /** Every URL the context requested so far. */
  get requestUrls(): readonly string[] {
    return this.#requestUrls;
  }

  /** What ran (trap calls in every open frame, dialogs, console, requests), and the uncaught errors of every frame. */
  async collect(): Promise<{ executions: Execution[]; failures: PageFailure[] }> {
    const executions = [...this.#executions];
    const failures: PageFailure[] = [];
    for (const page of this.#context.pages()) {
      for (const frame of page.frames()) {
        const seen = await frame
          .evaluate(() => ({ hits: window.__xssHits?.() ?? [], failures: window.__pageFailures?.() ?? [] }))
          .catch(() => ({ hits: [], failures: [] }));
        executions.push(...seen.hits);
        failures.push(...seen.failures);
      }
    }
    return { executions, failures };
  }
}

function safeFrameUrl(request: Request): string {
  try {
    return request.frame().url();
  } catch {
    return '?';
  }
}
