/**
 * What Open CTI `getCallCenterSettings()` returns in the local console: the items of the
 * project's CallCenter definition (force-app/.../ContactPad.callCenter-meta.xml), keyed
 * `/<section name>/<item name>` as Salesforce keys them, with the SIP settings pointed at the
 * local Kamailio.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SIP_DOMAIN } from '../test-ports.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The CallCenter definition the local console reads its settings from. */
export const CALL_CENTER_FILE = join(ROOT, 'force-app', 'main', 'default', 'callCenters', 'ContactPad.callCenter-meta.xml');

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function tag(block: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>|<${name}\\s*/>`).exec(block);
  if (!match) return undefined;
  return decodeXml((match[1] ?? '').trim());
}

/**
 * Parses a CallCenter metadata file into Open CTI's settings map as getCallCenterSettings
 * answers it in Lightning: every item keyed `/<section>/<item>` (`/reqGeneralInfo/reqAdapterUrl`,
 * `/ContactPad/sipServerUrl`), each section's `/<section>/label` and `/<section>/sortOrder`, and
 * the call center's `/label`, `/displayNameLabel` and `/internalNameLabel` (the example
 * returnValue of developer.salesforce.com/docs/service/api-cti/guide/sforce-api-cti-getcallcentersettings-lex.html).
 * Comments are ignored; an item without a name is skipped.
 */
export function parseCallCenterSettings(xml: string): Record<string, string> {
  const settings: Record<string, string> = {};
  const withoutComments = xml.replace(/<!--[\s\S]*?-->/g, '');
  const topLevel = withoutComments.replace(/<sections>[\s\S]*?<\/sections>/g, '');
  for (const [key, element] of [['/label', 'displayName'], ['/displayNameLabel', 'displayNameLabel'], ['/internalNameLabel', 'internalNameLabel']] as const) {
    const value = tag(topLevel, element);
    if (value !== undefined) settings[key] = value;
  }
  let sortOrder = 0;
  for (const section of withoutComments.matchAll(/<sections>([\s\S]*?)<\/sections>/g)) {
    const body = section[1] ?? '';
    const sectionOwn = body.replace(/<items>[\s\S]*?<\/items>/g, '');
    const sectionName = tag(sectionOwn, 'name');
    if (!sectionName) continue;
    settings[`/${sectionName}/label`] = tag(sectionOwn, 'label') ?? sectionName;
    settings[`/${sectionName}/sortOrder`] = String(sortOrder++);
    for (const item of body.matchAll(/<items>([\s\S]*?)<\/items>/g)) {
      const itemName = tag(item[1] ?? '', 'name');
      if (!itemName) continue;
      settings[`/${sectionName}/${itemName}`] = tag(item[1] ?? '', 'value') ?? '';
    }
  }
  return settings;
}

/**
 * What the local console uses when the CallCenter file is missing: the file's own values
 * (call-center-settings.test.ts keeps the two in step).
 */
export const FALLBACK_SETTINGS: Readonly<Record<string, string>> = Object.freeze({
  '/reqGeneralInfo/reqUseApi': 'true',
  '/reqGeneralInfo/reqSoftphoneHeight': '560',
  '/reqGeneralInfo/reqSoftphoneWidth': '360',
  '/reqGeneralInfo/reqSalesforceCompatibilityMode': 'Lightning',
  '/ContactPad/wrapUpSeconds': '60',
  '/ContactPad/dispositions': 'Resolved,Callback requested,Sale,No sale,Wrong number',
  '/ContactPad/notReadyReasons': 'Break,Lunch,Meeting,Training',
  '/ContactPad/declineReasons': 'Busy with another customer,Not my skill,Ending my shift',
  '/ContactPad/rejectStatusCode': '486',
});

/**
 * The local console's call center settings: the project's CallCenter items, the SIP server
 * set to the local Kamailio (ws://127.0.0.1:<sipWsPort>, domain 127.0.0.1; the agent's own SIP
 * user agent1 comes with the agent, as the page hands it over: local-session.ts),
 * then `overrides` (for example a short `/ContactPad/wrapUpSeconds` for a demo).
 */
export function localCallCenterSettings(options: { sipWsPort: number; overrides?: Record<string, string> }): Record<string, string> {
  let fromFile: Record<string, string> = {};
  try {
    fromFile = parseCallCenterSettings(readFileSync(CALL_CENTER_FILE, 'utf8'));
  } catch {
    // No CallCenter file (yet): the fallbacks and the local values below are enough for ContactPad to start.
  }
  return {
    ...FALLBACK_SETTINGS,
    ...fromFile,
    '/reqGeneralInfo/reqAdapterUrl': '/softphone',
    '/ContactPad/sipServerUrl': `ws://127.0.0.1:${options.sipWsPort}`,
    '/ContactPad/sipDomain': SIP_DOMAIN,
    ...options.overrides,
  };
}
