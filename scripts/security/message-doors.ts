/**
 * The message handlers: what another frame, window or Lightning component can send the
 * softphone and the console bridge, and that nothing comes of it unless it is the expected
 * sender with the expected shape.
 *
 * - Window messages (postMessage): the Open CTI shim in ContactPad's frame (scripts/console/opencti
 *   iframe-side.ts: a `connect` only from `window.parent` at the console's origin) and the
 *   console's side (console-side.ts: a `hello` only from the softphone frame at its origin).
 *   A frame of another origin (a sandboxed frame: origin "null") posts the protocol's own
 *   messages, a MessagePort included, to every frame of the console and to the console; the
 *   console and the softphone post messages of the wrong shape to each other.
 * - The console bridge's Lightning message channel (ContactPad_Bridge__c): messages of the wrong
 *   shape, as any component of the app could publish them (the channel carries no sender: the
 *   shape and the version are all there is to check), reach the shipped Aura bridge and
 *   ContactPad's ConsoleBridge (adapter/src/host).
 * - Open CTI's events (onClickToDial, onNavigationChange) with payloads of the wrong shape,
 *   reaching ContactPad's host room (click-to-dial-request.ts, navigation-context.ts).
 *
 * ContactPad.page registers no message handler of its own (checked below): Salesforce's Open
 * CTI library (the shim here) is the page's only window-message listener.
 *
 * "Nothing happens": ContactPad shows the same interactions, pops and status (a notice that
 * says the click-to-dial could not be dialled is a clear error, not an action), the
 * console the same tabs, screen pops, Omni-Channel work and presence, the bridge no new
 * problem, nothing ran (trap) and nothing failed; and afterwards Open CTI still works
 * (real-call.ts: the call answered after the probes pops its record in the console).
 */
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { CONTACTPAD_PAGE } from '../console/console-server.ts';
import { BRIDGE_CHANNEL, BRIDGE_PROTOCOL_VERSION } from '../../adapter/src/host/console-bridge-protocol.ts';
import { OPENCTI_PROTOCOL, OPENCTI_PROTOCOL_VERSION } from '../console/opencti/opencti-protocol.ts';
import { Tally } from './tally.ts';
import { newSigns, type SuiteContext } from './suite-context.ts';
import { padReady } from './pad-checks.ts';

export const MESSAGE_COLUMNS = [
  ['sent', 'sent'],
  ['ignored', 'nothing happened'],
  ['acted', 'acted on'],
  ['executed', 'executed'],
  ['crashed', 'crashed'],
] as const;

const OPENCTI = { protocol: OPENCTI_PROTOCOL, version: OPENCTI_PROTOCOL_VERSION };
const BRIDGE = { version: BRIDGE_PROTOCOL_VERSION };
const XSS = (mark: string) => `<img src=x id=${mark} onerror=__xss('${mark}')>`;

/** What a user would notice changing, in ContactPad and in the console. */
async function fingerprint(page: Page, softphone: Frame): Promise<string> {
  const pad = await softphone.evaluate(() => {
    const root = document.querySelector('contact-pad')?.shadowRoot;
    const list = root?.querySelector('cp-interaction-list')?.shadowRoot;
    return {
      rows: Array.from(list?.querySelectorAll('li[data-id]') ?? [], (li) => `${li.getAttribute('data-id')}:${li.querySelector('.state')?.textContent?.trim()}`),
      pops: root?.querySelectorAll('cp-call-pop').length ?? 0,
      status: root?.querySelector('cp-agent-state')?.shadowRoot?.querySelector('.words')?.textContent?.trim() ?? '',
    };
  });
  const console = await page.evaluate(() => {
    const local = window.localConsole!;
    return {
      tabs: local.tabs.map((tab) => `${tab.tabId}:${tab.recordId ?? ''}:${tab.active}`),
      screenPops: local.screenPops.length,
      clickToDial: local.clickToDialEvents.length,
      works: local.bridge.workItems.map((work) => `${work.workId}:${work.state}`),
      presence: JSON.stringify(local.bridge.presence),
      problems: local.bridge.problems.length,
      openCti: local.openCtiConnected,
    };
  });
  return JSON.stringify({ pad, console });
}

interface Probe {
  readonly handler: string;
  readonly kind: 'wrong origin' | 'wrong shape';
  readonly what: string;
  /** Sends the message(s); `mark` for any text that could be rendered. */
  send(page: Page, softphone: Frame, mark: string): Promise<unknown>;
}

/** Posts `messages` from a sandboxed frame (origin "null") to every frame of the console and to the console itself. */
async function postFromForeignFrame(page: Page, messages: readonly unknown[], withPort: boolean): Promise<void> {
  await page.evaluate(
    ({ messages, withPort }) =>
      new Promise<void>((resolve) => {
        const frame = document.createElement('iframe');
        frame.setAttribute('sandbox', 'allow-scripts');
        frame.style.display = 'none';
        frame.srcdoc = `<script>
          const messages = ${JSON.stringify(messages)};
          const targets = [parent, ...Array.from({ length: parent.frames.length }, (_, i) => parent.frames[i])];
          for (const target of targets) for (const message of messages) {
            try {
              if (${withPort}) { const channel = new MessageChannel(); target.postMessage(message, '*', [channel.port2]); }
              else target.postMessage(message, '*');
            } catch (error) {}
          }
        </script>`;
        frame.addEventListener('load', () => setTimeout(() => { frame.remove(); resolve(); }, 200));
        document.body.append(frame);
      }),
    { messages, withPort },
  );
}

const PROBES: readonly Probe[] = [
  {
    handler: 'Open CTI shim (softphone frame)',
    kind: 'wrong origin',
    what: "the protocol's connect, hello, reply and event, with a MessagePort, from a frame of another origin",
    send: (page, _softphone, mark) =>
      postFromForeignFrame(page, [
        { ...OPENCTI, kind: 'connect', instance: mark },
        { ...OPENCTI, kind: 'hello', instance: mark },
        { ...OPENCTI, kind: 'reply', id: 1, response: { success: true, returnValue: XSS(mark), errors: null } },
        { ...OPENCTI, kind: 'event', event: 'clickToDial', payload: { number: '+14155550100' } },
      ], true),
  },
  {
    handler: 'Open CTI shim (softphone frame)',
    kind: 'wrong shape',
    what: 'junk posted by the console page (its parent, its origin) to the softphone frame',
    send: (page, _softphone, mark) =>
      page.evaluate(
        ({ OPENCTI, mark }) => {
          const frame = document.querySelector<HTMLIFrameElement>('[data-testid=softphone-frame]')!;
          const junk: unknown[] = [null, 42, 'connect', [], {}, { ...OPENCTI }, { ...OPENCTI, kind: 'connect' }, { ...OPENCTI, kind: 'connect', instance: mark }, { ...OPENCTI, version: 99, kind: 'connect', instance: mark }, JSON.parse('{"__proto__":{"polluted":true},"kind":"connect"}'), { protocol: 'x'.repeat(1_000_000) }];
          for (const message of junk) frame.contentWindow!.postMessage(message, location.origin, message !== null && typeof message === 'object' ? [new MessageChannel().port2] : []);
        },
        { OPENCTI, mark },
      ),
  },
  {
    handler: 'Open CTI console side (console page)',
    kind: 'wrong origin',
    what: 'hello from a frame of another origin (it would take over the softphone\'s connection)',
    send: (page, _softphone, mark) => postFromForeignFrame(page, [{ ...OPENCTI, kind: 'hello', instance: mark }], false),
  },
  {
    handler: 'Open CTI console side (console page)',
    kind: 'wrong shape',
    what: 'junk posted by the softphone frame to the console',
    send: (_page, softphone, mark) =>
      softphone.evaluate(
        ({ OPENCTI, mark }) => {
          const junk: unknown[] = [null, 'hello', { ...OPENCTI, kind: 'hello' }, { ...OPENCTI, kind: 'hello', instance: 42 }, { ...OPENCTI, kind: 'hello', instance: { toString: null } }, { ...OPENCTI, version: 1, kind: 'hello', instance: mark }, { protocol: 'other', kind: 'hello', instance: mark }];
          for (const message of junk) {
            try {
              parent.postMessage(message, '*');
            } catch {
              // not cloneable: what a page could not send either
            }
          }
        },
        { OPENCTI, mark },
      ),
  },
  {
    handler: 'console bridge channel (Aura bridge, ContactPad)',
    kind: 'wrong shape',
    what: 'messages of another version, no source, unknown kinds, bad ids and bodies, markup, 1 MB, prototype keys',
    send: (page, _softphone, mark) =>
      page.evaluate(
        ({ channel, BRIDGE, xss, mark }) => {
          const ok = (kind: string, body: unknown, source = 'bridge') => ({ ...BRIDGE, source, kind, id: `sec-${mark}-${kind}`, body });
          const junk: unknown[] = [
            null, 7, 'hello', [], {},
            { ...ok('hello', {}), version: 1 },
            { ...ok('hello', {}), source: undefined },
            ok('launchMissiles', {}),
            ok('workAssigned', { work: { workId: xss, workItemId: "'; DELETE", accepted: 'yes' } }),
            ok('tabOpened', { tab: { tabId: '../../x', recordId: xss, objectType: 'Case WHERE Id != null', title: xss, focused: true } }),
            ok('presenceChanged', { statusId: 'not-an-id', statusName: xss }),
            ok('error', { message: 'x'.repeat(1_000_000) }),
            { ...ok('workAccepted', { workId: '0Bz000000000001AAA', workItemId: '500000000000001AAA' }), id: 'x'.repeat(500) },
            { ...ok('tabClosed', { tabId: 'ctab0', recordId: '' }), replyTo: xss },
            ok('openTab', { recordId: xss, focus: true }, 'contactpad'),
            ok('acceptWork', { workId: "0Bz' OR 1=1" }, 'contactpad'),
            ok('setPresence', { statusId: { toString: 1 } }, 'contactpad'),
            JSON.parse(`{"version":${BRIDGE.version},"source":"bridge","kind":"hello","id":"p1","body":{"__proto__":{"polluted":true},"capabilities":["tabs","omni","root"],"tabs":[],"works":[],"presence":null}}`),
          ];
          for (const message of junk) window.localConsole!.unchecked.publish(channel, message);
        },
        { channel: BRIDGE_CHANNEL, BRIDGE, xss: XSS(mark), mark },
      ),
  },
  {
    handler: 'ContactPad host room: onClickToDial',
    kind: 'wrong shape',
    what: 'click-to-dial payloads without a number, with objects, markup, a script URL, 1 MB',
    send: (page, _softphone, mark) =>
      page.evaluate(
        ({ xss, mark }) => {
          const junk: unknown[] = [null, 'tel:x', [], {}, { number: {} }, { number: [] }, { number: Number.NaN }, { number: Infinity }, { number: '' }, { number: xss }, { number: `javascript:__xss('${mark}')` }, { number: 'x'.repeat(1_000_000) }];
          for (const payload of junk) window.localConsole!.unchecked.clickToDial(payload);
        },
        { xss: XSS(mark), mark },
      ),
  },
  {
    handler: 'ContactPad host room: onNavigationChange',
    kind: 'wrong shape',
    what: 'navigation payloads with markup, script URLs, bad ids and objects',
    send: (page, _softphone, mark) =>
      page.evaluate(
        ({ xss, mark }) => {
          const junk: unknown[] = [null, 'x', [], {}, { recordId: xss, objectType: xss, url: `javascript:__xss('${mark}')`, recordName: xss }, { recordId: { id: 1 }, url: 42 }, { url: 'x'.repeat(1_000_000) }];
          for (const payload of junk) window.localConsole!.unchecked.navigationChange(payload);
        },
        { xss: XSS(mark), mark },
      ),
  },
];

/** Whether ContactPad.page (Visualforce) registers a message handler of its own. */
function pageListensToMessages(): boolean {
  return /addEventListener\s*\(\s*['"]message['"]|onmessage\s*=/.test(readFileSync(CONTACTPAD_PAGE, 'utf8'));
}

/** Every probe; returns the table's tally. */
export async function runMessageDoors(ctx: SuiteContext): Promise<Tally> {
  const tally = new Tally(MESSAGE_COLUMNS);
  const { page, softphone } = ctx.session;
  if (pageListensToMessages()) tally.find('ContactPad.page', '', 'the Visualforce page registers a message handler of its own: check its origin and shape');
  await newSigns(ctx);
  let index = 0;
  for (const probe of PROBES) {
    index += 1;
    const mark = `xs${(900 + index).toString(36)}qmsg`;
    const before = await fingerprint(page, softphone);
    await probe.send(page, softphone, mark);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await softphone.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const after = await fingerprint(page, softphone);
    const signs = await newSigns(ctx);
    const executed = signs.executed.size > 0;
    const crash = [...signs.failures, ...((await padReady(softphone)) ? [] : ['the pad no longer says "Phone ready"'])];
    const acted = before !== after;
    if (acted) tally.find(probe.handler, probe.what, `ACTED ON: before ${before} after ${after}`);
    if (executed) tally.find(probe.handler, probe.what, `EXECUTED: ${[...signs.executed].join(', ')}`);
    if (crash.length > 0) tally.find(probe.handler, probe.what, `CRASHED: ${crash.join('; ')}`);
    tally.add(probe.handler, probe.kind, { ignored: !acted && !executed && crash.length === 0, acted, executed, crashed: crash.length > 0 });
  }
  ctx.log(`message handlers: ${PROBES.length} probes`);
  return tally;
}
