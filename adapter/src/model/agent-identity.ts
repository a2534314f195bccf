/**
 * Who the agent is, as the host page hands it over: per user, never a call center item (a
 * call center's items are shared by every agent assigned to it, and none may be blank). The
 * Visualforce page reads it from the logged-in user: `$User.Id`, `$User.ProfileId`, the User
 * field `ContactPad_SIP_User__c` that admins fill for each agent, and the agent's language and
 * locale as their User record sets them: `LanguageLocaleKey` ("The user's language", a picklist:
 * `en_US`, `es`, `es_MX`...) and `LocaleSidKey` (the user's locale, which formats dates, times and
 * numbers: `en_US`, `es_ES`...) (Object Reference for the Salesforce Platform, User:
 * developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_user.htm).
 */
import { isSalesforceId } from './salesforce-id.ts';
import { isSipUser } from './server-addresses.ts';

/** The agent, validated; '' for anything missing or malformed. */
export interface AgentIdentity {
  /** The Salesforce User id (005...): whose Omni-Channel presence configuration applies. */
  readonly userId: string;
  /** The User's profile id (00e...): the presence configuration assigned by profile. */
  readonly profileId: string;
  /** The user part of the agent's SIP address (User.ContactPad_SIP_User__c); '' means the phone cannot register. */
  readonly sipUser: string;
}

/** The language the agent reads and the locale times are written in (the snapshot's `agentLanguage`). */
export interface AgentLanguage {
  /** The agent's language (User.LanguageLocaleKey) as a BCP 47 tag: `es`, `en-US`; '' when missing or malformed (English). */
  readonly language: string;
  /** The agent's locale (User.LocaleSidKey) as a BCP 47 tag: `es-ES`; '' when missing or malformed. */
  readonly locale: string;
}

/** No agent known (outside the console, or a page that passed nothing). */
export const NO_AGENT: AgentIdentity = Object.freeze({ userId: '', profileId: '', sipUser: '' });

/**
 * A Salesforce language or locale key (`es`, `en_US`, `es_MX`, `zh_CN_PINYIN`, the legacy
 * `de_DE_EURO`) as a BCP 47 tag: the language, and its script and region when there (`es-MX`,
 * `zh-CN`, `de-DE`; variants are left out). '' for anything else: a missing or malformed value
 * means English, never a failure.
 */
export function salesforceLocaleTag(value: unknown): string {
  if (typeof value !== 'string') return '';
  const parts = value.trim().split('_');
  const language = parts.shift() ?? '';
  if (!/^[A-Za-z]{2,3}$/.test(language) || parts.some((part) => !/^[A-Za-z0-9]{2,8}$/.test(part))) return '';
  const tag = [language.toLowerCase()];
  if (parts[0] !== undefined && /^[A-Za-z]{4}$/.test(parts[0])) tag.push(parts.shift()!);
  if (parts[0] !== undefined && /^(?:[A-Za-z]{2}|\d{3})$/.test(parts[0])) tag.push(parts[0].toUpperCase());
  try {
    return Intl.getCanonicalLocales(tag.join('-'))[0] ?? '';
  } catch {
    return ''; // not a tag Intl knows: English
  }
}

/** Key prefixes of User and Profile ids (the same in every org), checked on the page's input here, before any room runs. */
const USER_KEY_PREFIX = '005';
const PROFILE_KEY_PREFIX = '00e';

/**
 * Reads what the host page passed as `agent`. Never throws: a malformed value becomes '' and a
 * problem the widget shows (an agent without a SIP user cannot take calls: the admin fills
 * their ContactPad SIP User field).
 */
export function readAgentIdentity(raw: unknown): { readonly agent: AgentIdentity; readonly language: AgentLanguage; readonly problems: readonly string[] } {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const problems: string[] = [];
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const userId = text(source['userId']);
  const profileId = text(source['profileId']);
  const sipUser = text(source['sipUser']);
  const agent: AgentIdentity = Object.freeze({
    userId: isSalesforceId(userId, USER_KEY_PREFIX) ? userId : '',
    profileId: isSalesforceId(profileId, PROFILE_KEY_PREFIX) ? profileId : '',
    sipUser: sipUser !== '' && isSipUser(sipUser) ? sipUser : '',
  });
  const language: AgentLanguage = Object.freeze({ language: salesforceLocaleTag(source['language']), locale: salesforceLocaleTag(source['locale']) });
  if (sipUser === '') {
    problems.push('This agent has no SIP user: ask your Salesforce admin to fill the ContactPad SIP User field on your User record. Calls cannot ring here until then.');
  } else if (agent.sipUser === '') {
    const hint = /^sips?:|@/.test(sipUser) ? ' (only the user part, e.g. agent1, not sip:agent1@domain)' : '';
    problems.push(`The ContactPad SIP User on your User record is not a SIP user name${hint}: ask your Salesforce admin to correct it. Calls cannot ring here until then.`);
  }
  return { agent, language, problems };
}
