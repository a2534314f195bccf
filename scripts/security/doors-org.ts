/**
 * The Salesforce doors: payloads in the data ContactPad reads from the org and shows.
 *
 * - Record names and the journey: eight Contacts share one number, each named by a payload, and
 *   Tasks of that number carry payloads in ContactPad_Channel__c; the number calls the agent,
 *   the caller lookup finds them all: the pop's record picker lists the names, its journey the
 *   channels.
 * - Omni-Channel work (the agent accepts by hand in the demo org): per payload a Messaging
 *   session whose end user is named by it, a web Case and an email Case whose Subject and web
 *   name (SuppliedName) carry it, and a legacy chat whose visitor (a Lead) is named by it, routed
 *   to the agent from the console's Omni-Channel simulator. Each pops (Accept / Decline) and
 *   has its row; once judged the agent declines them.
 * - The agent's notes: the agent accepts the Messaging session, releases it and types the
 *   payload as the wrap-up notes; the Task must hold them as typed (cut at the Description's
 *   32,000 characters), and nothing may be made of them.
 */
import type { Frame, Locator } from 'playwright-core';
import { routeWork, type OmniWorkKind } from '../../e2e/support/console-session.ts';
import { markOf, type Payload } from './payloads.ts';
import { acceptPlacement, settle, waitForPops } from './pad-checks.ts';
import { consoleOrg, seedRecord, type SeededValue } from './org-seeding.ts';
import { judge, type DoorValue, type SuiteContext } from './suite-context.ts';
import { scanFrame } from './dom-scan.ts';

export const ORG_DOORS = {
  contactName: 'Contact name (record picker)',
  taskChannel: 'Task channel (journey)',
  endUserName: 'Messaging end-user name',
  caseSubject: 'Case subject',
  caseWebName: 'Case web name',
  emailSubject: 'Email subject',
  emailSender: 'Email sender name',
  chatVisitor: 'Chat visitor (Lead) name',
  notes: "Agent's wrap-up notes",
} as const;

/** Contacts per call: the picker lists them all. */
const NAMES_PER_CALL = 8;
/** Tasks per call: the journey shows the screen-pop setting's Journey_Size__c (5). */
const TASKS_PER_CALL = 5;
/** Wrap-up notes go to Task Description, at most 32,000 characters (activity-log.ts TASK_FIELD_LIMITS). */
const DESCRIPTION_MAX = 32_000;

/**
 * Text as the pad must show it: without the characters that have no glyph and reorder or hide
 * text (controls; the bidi marks, embeddings, overrides and isolates of UAX #9; zero-width and
 * other invisible format characters: Unicode general category Cf), whitespace collapsed as the
 * DOM scan reads it. A value shown with a right-to-left override in it is not "shown escaped".
 */
function shown(text: string): string {
  const clean = text.replace(/[\t\n\r]/g, ' ').replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/\s+/g, ' ').trim();
  // At most a Text(255) field's length: a derived name (First + Last) may be longer in the fake org.
  return Array.from(clean).slice(0, 255).join('').trimEnd();
}

function doorValues(door: string, payload: Payload, mark: string, seeded: SeededValue, shownAs: (held: string) => string): DoorValue[] {
  const values: DoorValue[] = [];
  // A value longer than its field: Salesforce refused it whole (counted apart), the cut one goes on.
  if (seeded.refusedWhole) values.push({ door, payloadId: payload.id, kind: payload.kind, mark: `${mark}-refused`, expected: undefined });
  values.push({ door, payloadId: payload.id, kind: payload.kind, mark, expected: shownAs(seeded.held) });
  return values;
}

/** Counts the values Salesforce refused whole (their `-refused` stand-ins) and returns the others. */
function countRefused(ctx: SuiteContext, values: readonly DoorValue[]): DoorValue[] {
  for (const value of values.filter((each) => each.mark.endsWith('-refused'))) ctx.tally.add(value.door, value.kind, { refused: true });
  return values.filter((each) => !each.mark.endsWith('-refused'));
}

/** A number of the fictional 555 range no demo record has, one per call (the caller lookup caches by number). */
function batchNumber(batch: number): { e164: string; written: string } {
  const line = String(2000 + batch).padStart(4, '0');
  return { e164: `+1202555${line}`, written: `(202) 555-${line}` };
}

/** Record names and journey channels: one call per {@link NAMES_PER_CALL} payloads. */
async function recordNames(ctx: SuiteContext, payloads: readonly Payload[], firstIndex: number): Promise<void> {
  for (let start = 0; start < payloads.length; start += NAMES_PER_CALL) {
    const batch = payloads.slice(start, start + NAMES_PER_CALL);
    const number = batchNumber(firstIndex + start / NAMES_PER_CALL);
    const values: DoorValue[] = [];
    let contactId = '';
    batch.forEach((payload, offset) => {
      const index = firstIndex * 100 + start + offset;
      const mark = markOf(index, 'nm');
      const { record, values: seeded } = seedRecord('Contact', { FirstName: 'Sec', Phone: number.written }, { LastName: payload.text(mark) });
      contactId ||= String(record['Id']);
      values.push(...doorValues(ORG_DOORS.contactName, payload, mark, seeded[0]!, (held) => shown(`Sec ${held}`)));
    });
    batch.slice(0, TASKS_PER_CALL).forEach((payload, offset) => {
      const mark = markOf(firstIndex * 100 + start + offset, 'tc');
      const { values: seeded } = seedRecord(
        'Task',
        { Subject: 'Call', Status: 'Completed', CallType: 'Inbound', TaskSubtype: 'Call', WhoId: contactId, ContactPad_Caller_Number__c: number.e164 },
        { ContactPad_Channel__c: payload.text(mark) },
      );
      values.push(...doorValues(ORG_DOORS.taskChannel, payload, mark, seeded[0]!, shown));
    });
    const judged = countRefused(ctx, values);
    const call = await ctx.caller.invite({ fromDisplay: '', fromUser: number.e164, headers: ['X-CP-Queue: Security'] });
    if (!(await call.ringing(8000))) {
      await call.hangUp(1000);
      for (const value of judged) ctx.tally.add(value.door, value.kind, { lost: true });
      continue;
    }
    const popped = await waitForPops(ctx.session.softphone, 1, 5000);
    if (popped) {
      await settle(ctx.session.softphone, 8000);
      // The picker and the journey load after the lookup answers.
      await ctx.session.softphone.locator('cp-journey li').first().waitFor({ timeout: 5000 }).catch(() => undefined);
      await settle(ctx.session.softphone);
    }
    const whileShown = popped ? await scanFrame(ctx.session.softphone, ctx.markPattern) : undefined;
    await checkAccept(ctx, batch[0]?.id ?? '');
    await call.hangUp(5000);
    const left = await waitForPops(ctx.session.softphone, 0, 5000);
    await judge(ctx, judged, [popped ? '' : 'no pop', left ? '' : 'the pop stayed after the caller hung up'].filter(Boolean).join('; '), whileShown);
  }
}

/** Accept of the first ringing pop inside the panel and reachable (layout counts). */
async function checkAccept(ctx: SuiteContext, payloadId: string): Promise<void> {
  const placement = await acceptPlacement(ctx.session.softphone);
  if (!placement.found) return;
  ctx.layout.checked += 1;
  if (!placement.inside) ctx.layout.outside += 1;
  if (!placement.clickable) ctx.layout.covered += 1;
  if (!placement.inside || !placement.clickable) ctx.layout.worst = `${payloadId}: Accept at ${JSON.stringify(placement.rect)} in a ${placement.panel.width} x ${placement.panel.height} panel`;
}

/** The interaction's row in ContactPad's list. */
function row(softphone: Frame, id: string): Locator {
  return softphone.locator(`li[data-id="${id}"]`);
}

interface SeededWork {
  readonly kind: OmniWorkKind;
  readonly recordId: string;
  readonly values: DoorValue[];
}

/** The four work items of one payload, seeded. */
function seedWork(payload: Payload, index: number): SeededWork[] {
  const org = consoleOrg();
  const channel = org.list('MessagingChannel').find((each) => each['MessageType'] === 'EmbeddedMessaging' && each['IsActive'] === true) ?? org.list('MessagingChannel')[0];
  if (!channel) throw new Error('The demo org has no Messaging channel');
  const m = (door: string) => markOf(index, door);

  const endUser = seedRecord(
    'MessagingEndUser',
    { MessagingPlatformKey: `v2/iamessage/UNAUTH/NA/uid:${crypto.randomUUID()}`, MessageType: channel['MessageType'], MessagingChannelId: channel['Id'] },
    { Name: payload.text(m('eu')) },
  );
  const session = seedRecord('MessagingSession', { MessagingEndUserId: endUser.record['Id'], MessagingChannelId: channel['Id'], Status: 'Waiting', StartTime: new Date().toISOString() }, {});
  const webCase = seedRecord('Case', { Origin: 'Web', Status: 'New' }, { Subject: payload.text(m('cs')), SuppliedName: payload.text(m('cw')) });
  const emailCase = seedRecord('Case', { Origin: 'Email', Status: 'New' }, { Subject: payload.text(m('es')), SuppliedName: payload.text(m('ew')) });
  const lead = seedRecord('Lead', { FirstName: 'Sec', Company: 'Web visitor', LeadSource: 'Web' }, { LastName: payload.text(m('cv')) });
  const transcript = seedRecord('LiveChatTranscript', { Status: 'Waiting', LeadId: lead.record['Id'], StartTime: new Date().toISOString(), Body: 'Chat' }, {});
  const field = (seeded: { values: SeededValue[] }, name: string) => seeded.values.find((each) => each.field === name)!;
  const caseNumber = (seeded: { record: Record<string, unknown> }) => String(seeded.record['CaseNumber'] ?? '');
  return [
    { kind: 'messaging', recordId: String(session.record['Id']), values: doorValues(ORG_DOORS.endUserName, payload, m('eu'), field(endUser, 'Name'), shown) },
    {
      kind: 'case',
      recordId: String(webCase.record['Id']),
      values: [
        ...doorValues(ORG_DOORS.caseSubject, payload, m('cs'), field(webCase, 'Subject'), (held) => shown(`${caseNumber(webCase)} ${held}`)),
        ...doorValues(ORG_DOORS.caseWebName, payload, m('cw'), field(webCase, 'SuppliedName'), shown),
      ],
    },
    {
      kind: 'email',
      recordId: String(emailCase.record['Id']),
      values: [
        ...doorValues(ORG_DOORS.emailSubject, payload, m('es'), field(emailCase, 'Subject'), (held) => shown(`${caseNumber(emailCase)} ${held}`)),
        ...doorValues(ORG_DOORS.emailSender, payload, m('ew'), field(emailCase, 'SuppliedName'), shown),
      ],
    },
    { kind: 'chat', recordId: String(transcript.record['Id']), values: doorValues(ORG_DOORS.chatVisitor, payload, m('cv'), field(lead, 'LastName'), (held) => shown(`Sec ${held}`)) },
  ];
}

/** Declines an alerting work item with the first reason offered. */
async function decline(softphone: Frame, workId: string): Promise<void> {
  await row(softphone, workId).getByRole('button', { name: 'Decline' }).click();
  await softphone.getByRole('dialog').getByRole('option').first().click();
  await row(softphone, workId).locator('.state', { hasText: /^Rejected$/ }).waitFor({ timeout: 5000 });
}

/** The agent's notes on the Messaging session: accept, release, type the payload, Done; the Task must hold them. */
async function notes(ctx: SuiteContext, payload: Payload, index: number, workId: string): Promise<DoorValue[]> {
  const { softphone } = ctx.session;
  const mark = markOf(index, 'nt');
  const typed = payload.text(mark);
  await row(softphone, workId).getByRole('button', { name: 'Accept' }).click();
  await row(softphone, workId).getByRole('button', { name: 'Release' }).click();
  const form = softphone.locator('cp-wrap-up-form');
  await form.getByLabel('Notes').fill(typed);
  await form.getByRole('button', { name: 'Done' }).click();
  // The Task waits in the outbox (browser storage) until Salesforce has it: the token must not be stored with it.
  await ctx.sampleStorage();
  // As the Task holds them: cut to the Description's length, line ends as LF, trimmed (activity-log.ts description()).
  // A lone surrogate cannot travel as UTF-8 (the browser sends U+FFFD): compared as it can arrive.
  const expected = Buffer.from(typed.slice(0, DESCRIPTION_MAX), 'utf8').toString('utf8').replace(/\r\n?/g, '\n').trim();
  const deadline = Date.now() + 15_000;
  let description: string | undefined;
  while (Date.now() < deadline) {
    const task = consoleOrg().list('Task').find((each) => each['ContactPad_Work_Item_Id__c'] !== null && String(each['Description'] ?? '').includes(mark));
    if (task) {
      description = String(task['Description'] ?? '');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (description === undefined) ctx.tally.find(ORG_DOORS.notes, payload.id, 'no Task holds the notes within 15 s');
  else if (!description.includes(expected)) ctx.tally.find(ORG_DOORS.notes, payload.id, `the Task's Description does not hold the notes as typed: ${JSON.stringify(description.slice(0, 120))}`);
  // Shown escaped: written to Salesforce exactly as typed (the DOM scan still looks for anything made of them).
  return [{ door: ORG_DOORS.notes, payloadId: payload.id, kind: payload.kind, mark, expected: expected, keptAsTyped: description?.includes(expected) ?? false }];
}

/** Omni-Channel work and notes: one round of four work items per payload. */
async function omniWork(ctx: SuiteContext, payloads: readonly Payload[], firstIndex: number): Promise<void> {
  const { softphone } = ctx.session;
  let index = firstIndex * 100;
  for (const payload of payloads) {
    index += 1;
    const work = seedWork(payload, index);
    const routed: Array<{ workId: string; item: SeededWork }> = [];
    for (const item of work) {
      const { workId } = await routeWork(ctx.session, { kind: item.kind, customerName: '', recordId: item.recordId });
      routed.push({ workId, item });
    }
    for (const { workId } of routed) await row(softphone, workId).locator('.state', { hasText: /^Alerting$/ }).waitFor({ timeout: 10_000 });
    await waitForPops(softphone, routed.length, 5000);
    await settle(softphone);
    const whileShown = await scanFrame(softphone, ctx.markPattern);
    await checkAccept(ctx, payload.id);
    const messaging = routed.find((each) => each.item.kind === 'messaging');
    for (const { workId } of routed.filter((each) => each !== messaging)) await decline(softphone, workId);
    const noteValues = messaging ? await notes(ctx, payload, index, messaging.workId) : [];
    const values = countRefused(ctx, routed.flatMap((each) => each.item.values));
    await judge(ctx, [...values, ...noteValues], '', whileShown);
  }
}

/** Every payload through every Salesforce door. */
export async function runOrgDoors(ctx: SuiteContext, payloads: readonly Payload[]): Promise<void> {
  await recordNames(ctx, payloads, 1);
  ctx.log(`record names and journey: ${payloads.length} payloads`);
  await omniWork(ctx, payloads, 2);
  ctx.log(`Omni-Channel work and notes: ${payloads.length} payloads`);
}
