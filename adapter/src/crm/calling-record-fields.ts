/**
 * A calling record as read from Salesforce (a campaign member, a list view's Lead or Contact):
 * values from outside, so text is cleaned and cut, ids are checked, and anything unreadable is
 * left blank. Shared by calling-list.ts and list-view-list.ts.
 */
import { shownText } from '../model/shown-text.ts';
import type { CallingRecord } from '../model/calling-record.ts';
import { isSalesforceId } from '../model/salesforce-id.ts';

/** How many members one list holds at most (the first ones in the list's order). */
export const MAX_CALLING_RECORDS = 200;

/** Salesforce text on one line, at most 255 characters; '' for anything that is not text. */
export function text(value: unknown): string {
  return typeof value === 'string' ? shownText(value) : '';
}

/** The member's Lead or Contact by its id's key prefix (00Q, 003); undefined for any other id. */
export function personType(personId: string): 'Lead' | 'Contact' | undefined {
  if (!isSalesforceId(personId)) return undefined;
  return personId.startsWith('00Q') ? 'Lead' : personId.startsWith('003') ? 'Contact' : undefined;
}

/** What a calling record is read from, as Salesforce gave it (unchecked). */
export interface CallingRecordValues {
  readonly memberId: unknown;
  readonly personId: unknown;
  readonly name: unknown;
  readonly title: unknown;
  readonly company: unknown;
  readonly phone: unknown;
  readonly mobilePhone: unknown;
  readonly email: unknown;
  /** City, state, country, as far as given. */
  readonly place: readonly unknown[];
  readonly memberStatus: unknown;
  readonly doNotCall: unknown;
  /** When a rescheduled attempt is due (epoch ms; 0 or less: not rescheduled). */
  readonly nextAttemptAt: number;
}

/** A calling record, `waiting`; none when it names no Lead or Contact or its member id is no id. */
export function waitingRecord(values: CallingRecordValues): CallingRecord[] {
  const memberId = text(values.memberId);
  const personId = text(values.personId);
  const objectType = personType(personId);
  if (!isSalesforceId(memberId) || !objectType) return [];
  return [
    Object.freeze({
      memberId,
      personId,
      objectType,
      name: text(values.name),
      title: text(values.title),
      company: text(values.company),
      phone: text(values.phone),
      mobilePhone: text(values.mobilePhone),
      email: text(values.email),
      place: values.place.map(text).filter((part) => part !== '').join(', '),
      memberStatus: text(values.memberStatus),
      doNotCall: values.doNotCall === true,
      nextAttemptAt: values.nextAttemptAt > 0 ? values.nextAttemptAt : undefined,
      state: 'waiting' as const,
    }),
  ];
}
