/**
 * Every SOQL and SOSL statement ContactPad sends the org, read off the browser's requests (the
 * softphone frame's REST calls: query, queryAll, search and composite subrequests) with the
 * org's answer to each: its HTTP status and, for a refusal, its errorCode (MALFORMED_QUERY,
 * MALFORMED_SEARCH, INVALID_SEARCH...).
 */
import type { BrowserContext, Request } from 'playwright-core';
import { statementsOf } from './query-check.ts';

export interface LoggedStatement {
  readonly language: 'SOQL' | 'SOSL';
  readonly statement: string;
  readonly status: number;
  readonly errorCode: string;
}

interface CompositeAnswer {
  compositeResponse?: Array<{ httpStatusCode?: number; body?: unknown }>;
}

function errorCodeOf(body: unknown): string {
  return Array.isArray(body) && typeof body[0]?.errorCode === 'string' ? body[0].errorCode : '';
}

export class QueryLog {
  readonly #entries: LoggedStatement[] = [];
  #read = 0;
  /** Requests under way (a request that started before the log did is not waited for). */
  readonly #pending = new Set<Request>();
  #lastActivity = Date.now();

  /** Starts logging the softphone frame's statements in `context`. */
  static install(context: BrowserContext): QueryLog {
    const log = new QueryLog();
    const mine = (request: Request) => /\/services\/data\//.test(request.url()) && /\/softphone\b/.test(safeFrameUrl(request));
    context.on('request', (request) => {
      if (!mine(request)) return;
      log.#pending.add(request);
      log.#lastActivity = Date.now();
    });
    const settle = async (request: Request) => {
      if (!mine(request)) return;
      try {
        await log.#record(request);
      } finally {
        log.#pending.delete(request);
        log.#lastActivity = Date.now();
      }
    };
    context.on('requestfinished', (request) => void settle(request));
    context.on('requestfailed', (request) => void settle(request));
    return log;
  }

  async #record(request: Request): Promise<void> {
    const statements = statementsOf(request.url(), request.postData());
    if (statements.length === 0) return;
    const response = await request.response().catch(() => null);
    const status = response?.status() ?? 0;
    const body: unknown = await response?.json().catch(() => undefined);
    const composite = (body as CompositeAnswer | undefined)?.compositeResponse;
    statements.forEach((each, index) => {
      const answer = composite?.[index];
      this.#entries.push({
        ...each,
        status: composite ? (answer?.httpStatusCode ?? status) : status,
        errorCode: errorCodeOf(composite ? answer?.body : body),
      });
    });
  }

  /** The statements logged since the last call. */
  drain(): LoggedStatement[] {
    const fresh = this.#entries.slice(this.#read);
    this.#read = this.#entries.length;
    return fresh;
  }

  /** Waits until no request has been under way for `quietMs` (at most `maxMs`). */
  async quiet(quietMs = 400, maxMs = 8000): Promise<void> {
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline) {
      if (this.#pending.size === 0 && Date.now() - this.#lastActivity >= quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (process.env['SECURITY_DEBUG']) console.log(`quiet timed out: ${[...this.#pending].map((request) => request.url()).join(', ')} pending`);
  }
}

function safeFrameUrl(request: Request): string {
  try {
    return request.frame().url();
  } catch {
    return '';
  }
}
