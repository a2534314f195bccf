/**
 * Query injection: SOSL/SOQL injection strings and absurd numbers where ContactPad turns a
 * number into a Salesforce query:
 *
 * - the caller's number (the SIP From user): the caller lookup's SOSL;
 * - a callback's number (X-CP-Callback-Number): the callback alert's lookup;
 * - the number the agent types in "Number to call": the outbound compliance check (SOQL in a
 *   composite request, SOSL for Do Not Call records).
 *
 * Every statement the softphone sends while a value is handled is checked (query-check.ts:
 * Salesforce's escaping rules for SOQL literals and SOSL terms, cited there) and compared with
 * the statements of the session so far and of plain numbers through the same doors (the
 * baseline, measured first in the same run): a
 * statement whose skeleton the baseline never had, or whose term a value turned into operators,
 * was widened. The fake org parses every statement as Salesforce does and answers a malformed
 * one 400 MALFORMED_QUERY / MALFORMED_SEARCH: such an answer, or a statement the checker
 * refuses, counts as malformed.
 */
import { acceptPlacement, settle, waitForPops } from './pad-checks.ts';
import { checkSoql, checkSosl, type QueryCheck } from './query-check.ts';
import type { LoggedStatement, QueryLog } from './query-log.ts';
import { Tally } from './tally.ts';
import { newSigns, type SuiteContext } from './suite-context.ts';
import { headerValue } from './doors-sip.ts';
import { padReady } from './pad-checks.ts';

export const QUERY_COLUMNS = [
  ['sent', 'sent'],
  ['queries', 'queries'],
  ['escaped', 'well-formed, escaped'],
  ['none', 'no query'],
  ['malformed', 'malformed'],
  ['widened', 'widened'],
  ['crashed', 'crashed'],
] as const;

/** A hostile number, by class. */
interface QueryPayload {
  readonly kind: string;
  readonly text: string;
}

const RLO = '\u202e';

export const QUERY_PAYLOADS: readonly QueryPayload[] = [
  ...[
    "415'555'0100",
    "4155550100' OR Phone != '",
    '4155550100\\',
    "4155550100\\' OR Id != '",
    '"4155550100"',
    '415"555\\"0100',
    "4155550100'); DELETE FROM Contact; --",
  ].map((text) => ({ kind: 'quotes, backslashes', text })),
  ...[
    '+1 (415) 555-0100',
    '415*',
    '4155550100} IN ALL FIELDS RETURNING User(Id, Name)',
    '{4155550100}',
    '415?555?0100',
    '4155550100 & 1 | 2 ! 3 ^ 4 ~ 5 : 6 [7] +8 -9',
    '415%555_0100',
    '4155550100\\*',
  ].map((text) => ({ kind: 'SOSL reserved characters', text })),
  ...['4155550100 OR 1234567', '4155550100 AND NOT 1234567', '415 OR 555 OR 0100', 'NOT 4155550100', '(4155550100) OR (1*)'].map((text) => ({ kind: 'SOSL operators', text })),
  ...['4'.repeat(1000), `+${'1'.repeat(999)}`, `415 555 ${'0'.repeat(994)}`, '4155550100415555', '+999999999999999'].map((text) => ({ kind: 'absurd numbers', text })),
  ...['anonymous', '1-800-FLOWERS', 'four one five five five five', '4155550100abc', 'x'.repeat(1000)].map((text) => ({ kind: 'letters', text })),
  ...['\uff14\uff11\uff15\uff15\uff15\uff15\uff10\uff11\uff10\uff10', '\u0664\u0661\u0665\u0665\u0665\u0665\u0660\u0661\u0660\u0660', '4155550100;ext=12', 'tel:+14155550100', '00 1 415 555 0100', `${RLO}0010555514`].map((text) => ({ kind: 'other digits', text })),
];

/** Characters RFC 3261 allows unescaped in a SIP URI's user part, besides letters and digits. */
const USER_UNRESERVED = new Set("-_.!~*'()&=+$,;?/".split(''));

/** A value as the user part of a SIP URI (percent-escaped where it must be). */
export function sipUser(text: string): string {
  let user = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    user += /[A-Za-z0-9]/.test(char) || USER_UNRESERVED.has(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return user;
}

function check(entry: LoggedStatement): QueryCheck {
  return entry.language === 'SOSL' ? checkSosl(entry.statement) : checkSoql(entry.statement);
}

/** The plain numbers the baseline uses, through the same doors. */
const BASELINE = ['+14155550100', '4155550100', '+44 20 7946 0958', '202-555-0143'];

interface QueryDoor {
  readonly name: string;
  /** Hands the value to ContactPad through this door; resolves once its queries are done. */
  send(ctx: SuiteContext, log: QueryLog, text: string): Promise<string>;
}

async function ringWith(ctx: SuiteContext, log: QueryLog, invite: Parameters<SuiteContext['caller']['invite']>[0]): Promise<string> {
  const call = await ctx.caller.invite(invite);
  const rang = await call.ringing(8000);
  let problem = rang ? '' : 'the agent never rang';
  if (rang && (await waitForPops(ctx.session.softphone, 1, 5000))) {
    await settle(ctx.session.softphone, 8000);
    await log.quiet();
    const placement = await acceptPlacement(ctx.session.softphone);
    ctx.layout.checked += 1;
    if (!placement.inside) ctx.layout.outside += 1;
    if (!placement.clickable) ctx.layout.covered += 1;
    if (!placement.inside || !placement.clickable) {
      ctx.layout.worst = `a call from ${JSON.stringify(invite.fromUser.slice(0, 40))}: Accept at ${JSON.stringify(placement.rect)} in a ${placement.panel.width} x ${placement.panel.height} panel`;
      if (process.env['SECURITY_SCREENSHOTS']) await ctx.session.page.screenshot({ path: `${process.env['SECURITY_SCREENSHOTS']}/outside-${ctx.layout.outside}.png` });
    }
  } else if (rang) problem = 'no pop';
  await call.hangUp(5000);
  if (!(await waitForPops(ctx.session.softphone, 0, 5000))) problem ||= 'the pop stayed after the caller hung up';
  return problem;
}

const DOORS: readonly QueryDoor[] = [
  {
    name: "caller's number (SIP From)",
    send: (ctx, log, text) => ringWith(ctx, log, { fromDisplay: '', fromUser: sipUser(text), headers: ['X-CP-Queue: Security'] }),
  },
  {
    name: 'callback number (X-CP-Callback-Number)',
    send: (ctx, log, text) =>
      ringWith(ctx, log, { fromDisplay: '"Callback platform"', fromUser: 'callbacks', headers: ['X-CP-Kind: callback', `X-CP-Callback-Number: ${headerValue(text)}`, 'X-CP-Callback-Attempt: 1'] }),
  },
  {
    name: 'number the agent dials',
    async send(ctx, log, text) {
      const dialer = ctx.session.softphone.locator('cp-dialer');
      await dialer.getByLabel('Number to call').fill(text);
      await dialer.getByRole('button', { name: 'Call', exact: true }).click();
      await log.quiet(600, 10_000);
      // Whatever the number did (refused, blocked, failed at the SIP edge), the agent ends up with no call up.
      const release = ctx.session.softphone.locator('cp-interaction-list').getByRole('button', { name: 'Release' });
      if (await release.count()) await release.first().click({ timeout: 2000 }).catch(() => undefined);
      const done = ctx.session.softphone.getByRole('button', { name: 'Done' });
      if (await done.count()) await done.first().click({ timeout: 2000 }).catch(() => undefined);
      // The call's outcome notice ("not connected: 404"...) is read; dismissed so notices do not pile up above the pops.
      const dismiss = ctx.session.softphone.getByRole('button', { name: 'Dismiss' });
      while ((await dismiss.count()) > 0) await dismiss.first().click({ timeout: 2000 }).catch(() => undefined);
      return '';
    },
  },
];

/** Runs the baseline, then every payload through every door; returns the table's tally. */
export async function runQueryDoors(ctx: SuiteContext, log: QueryLog): Promise<Tally> {
  const tally = new Tally(QUERY_COLUMNS);
  // The shapes of everything ContactPad asked before (start-up, lookups of plain numbers), then of the baseline's numbers.
  const skeletons = new Set<string>(log.drain().map((entry) => check(entry).skeleton));
  for (const door of DOORS) {
    for (const number of BASELINE) {
      log.drain();
      await door.send(ctx, log, number);
      for (const entry of log.drain()) skeletons.add(check(entry).skeleton);
    }
  }
  await newSigns(ctx);
  const payloads = ctx.mode === 'full' ? QUERY_PAYLOADS : [...new Map(QUERY_PAYLOADS.map((each) => [each.kind, each])).values()];
  for (const door of DOORS) {
    for (const payload of payloads) {
      log.drain();
      const started = Date.now();
      const problem = await door.send(ctx, log, payload.text);
      if (Date.now() - started > 5000) ctx.log(`${door.name}: ${JSON.stringify(payload.text.slice(0, 40))} took ${Date.now() - started} ms`);
      const entries = log.drain();
      let escaped = 0;
      let malformed = 0;
      let widened = 0;
      for (const entry of entries) {
        const found = check(entry);
        const refused = /^MALFORMED_|^INVALID_SEARCH$/.test(entry.errorCode);
        const wide = found.operatorInjected || !skeletons.has(found.skeleton);
        if (found.problem || refused) {
          malformed += 1;
          tally.find(door.name, JSON.stringify(payload.text.slice(0, 60)), `MALFORMED: ${found.problem || entry.errorCode} in ${entry.statement.slice(0, 200)}`);
        } else if (wide) {
          widened += 1;
          tally.find(door.name, JSON.stringify(payload.text.slice(0, 60)), `WIDENED: ${entry.statement.slice(0, 200)}`);
        } else escaped += 1;
      }
      const signs = await newSigns(ctx);
      const crash = [problem, ...signs.failures, ...((await padReady(ctx.session.softphone)) ? [] : ['the pad no longer says "Phone ready"'])].filter(Boolean).join('; ');
      if (crash) tally.find(door.name, JSON.stringify(payload.text.slice(0, 60)), `CRASHED: ${crash}`);
      tally.add(door.name, payload.kind, { queries: entries.length, escaped, none: entries.length === 0, malformed, widened, crashed: crash !== '' });
    }
  }
  ctx.log(`queries: ${payloads.length} hostile numbers through ${DOORS.length} doors, ${skeletons.size} statement shapes in the baseline`);
  return tally;
}
