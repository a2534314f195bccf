/**
 * Page load -> registered, and what the page fetched on the way, for ContactPad and the
 * baseline, measured the same way (bench-targets.ts reloads the page; page-probe.ts notes):
 *
 * - from: the page's navigation start (its performance.timeOrigin: for ContactPad, the softphone
 *   frame's navigation, as the console loads the softphone page);
 * - to: the first `200 OK` to a REGISTER arriving at the page (its WebSocket message event);
 *   ContactPad's way there is split: its scripts evaluated (the first WebSocket made), the
 *   WebSocket open, the REGISTER sent (Kamailio answers the first with a 401 challenge; the last
 *   REGISTER is the one with the credential).
 * - scripts fetched before the phone could ring: every .js file whose response ended before the
 *   200 OK, from Resource Timing, with encodedBodySize (as transferred: the local console, like
 *   Salesforce, sends scripts gzip-compressed to a browser that accepts it, static-files.ts) and
 *   decodedBodySize; then what the page fetched after it and when (until SETTLE_MS after the
 *   navigation started).
 * - the page's requests to Salesforce (`/services/`) until then: the session's start-up
 *   requests, before any call.
 */
import type { BenchTarget } from './bench-targets.ts';
import { fetchedResources, type FetchedResource, type ProbeNotes } from './page-probe.ts';

/** How long after its navigation the page is watched for what it fetches at start. */
export const SETTLE_MS = 8000;

/** One load of a page. */
export interface PageLoad {
  readonly notes: ProbeNotes;
  /** Everything the page fetched in its first SETTLE_MS. */
  readonly resources: readonly FetchedResource[];
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** `loads` loads of each page, alternating; the resources of each once SETTLE_MS have passed. */
export async function measurePageLoads(targets: readonly BenchTarget[], loads: number): Promise<Map<string, PageLoad[]>> {
  const results = new Map<string, PageLoad[]>(targets.map((target) => [target.name, []]));
  for (let i = 0; i < loads; i++) {
    for (const target of targets) {
      const notes = await target.reload();
      const elapsed = await target.frame().evaluate(() => performance.now());
      await sleep(Math.max(0, SETTLE_MS - elapsed));
      const resources = (await fetchedResources(target.frame())).filter((resource) => resource.startTime <= SETTLE_MS);
      results.get(target.name)?.push({ notes, resources });
    }
  }
  return results;
}

/** Scripts (.js) of a load, split at the 200 OK to the REGISTER. */
export function scriptsAroundRegistration(load: PageLoad): { before: FetchedResource[]; after: FetchedResource[] } {
  const registeredAt = load.notes.registeredAt ?? Number.POSITIVE_INFINITY;
  const scripts = load.resources.filter((resource) => /\.m?js(\?|$)/.test(resource.path));
  return { before: scripts.filter((resource) => resource.responseEnd <= registeredAt), after: scripts.filter((resource) => resource.responseEnd > registeredAt) };
}

/** The page's requests to the Salesforce APIs in a load (REST, Apex REST). */
export function salesforceRequests(load: PageLoad): FetchedResource[] {
  return load.resources.filter((resource) => resource.path.startsWith('/services/'));
}
