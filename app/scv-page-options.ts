/**
 * What the Service Cloud Voice connector page hands scv.js (force-app-voice's
 * ContactPadConnector.page, the connectorUrl a real deployment names): the agent's session and User
 * fields as data attributes of one element, HTML-encoded by Visualforce, instead of an inline
 * script, so that the page's Content-Security-Policy allows no inline script at all (`script-src
 * 'self'`: scv.js from the page's own origin is the one script). The ringtone is found beside it,
 * in the same static resource; jsforce is a chunk of scv.js's own (it imports it when first needed).
 */
import type { ScvStartOptions } from '../adapter/src/scv-contactpad.ts';

/** The element of the connector page that carries the data attributes below. */
export const CONNECTOR_PAGE_ELEMENT_ID = 'contactpad-connector';

/** The data attributes (as `dataset` names them) and the merge fields the page fills them with. */
export const CONNECTOR_PAGE_FIELDS = {
  accessToken: '$Api.Session_ID',
  userId: '$User.Id',
  profileId: '$User.ProfileId',
  sipUser: '$User.ContactPad_SIP_User__c',
  language: '$User.LanguageLocaleKey',
  locale: '$User.LocaleSidKey',
} as const;

/**
 * The connector's start options from the page element's `dataset` (missing attributes are ''),
 * with scv.js's own URL (`moduleUrl`, import.meta.url) for the files beside it and the page's
 * origin as Salesforce's instance (as ContactPad.page passes window.location.origin).
 */
export function connectorOptionsFromPage(dataset: Readonly<Record<string, string | undefined>>, moduleUrl: string, origin: string): ScvStartOptions {
  const field = (name: keyof typeof CONNECTOR_PAGE_FIELDS) => dataset[name] ?? '';
  const beside = (file: string) => new URL(file, moduleUrl).href;
  return {
    crm: { instanceUrl: origin, accessToken: field('accessToken') },
    ringtoneUrl: beside('ringtone.wav'),
    agent: { userId: field('userId'), profileId: field('profileId'), sipUser: field('sipUser'), language: field('language'), locale: field('locale') },
  };
}
