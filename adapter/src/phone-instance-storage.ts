/**
 * This browser's SIP instance id for the agent (PhoneConfig.instanceId, RFC 5626 4.1), kept in
 * localStorage under a key per org and agent: every page of the agent in this browser (a
 * reload, a tab that takes the phone over, the page left after another crashed) registers as
 * the same device, so the registrar replaces the binding the last page left instead of keeping
 * it until it expires. A kept value that is no UUID (edited, damaged) is replaced; storage that
 * fails (blocked, quota) gives a new id for this page; a page without crypto.randomUUID (not a
 * secure context: neither Salesforce nor the local console) sends none, as before.
 */
import { isInstanceId } from './telephony/phone-config.ts';

/** The part of the Web Storage API used (localStorage). */
export type InstanceIdStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The instance id kept under `key`, made (with `newId`) and kept when there is none; undefined when none can be made. */
export function keptInstanceId(storage: InstanceIdStorage | undefined, key: string, newId: () => string = () => crypto.randomUUID()): string | undefined {
  try {
    const kept = storage?.getItem(key);
    if (isInstanceId(kept)) return kept;
  } catch {
    // Blocked storage: a new id, for this page.
  }
  let id: string;
  try {
    id = newId();
  } catch {
    return undefined;
  }
  try {
    storage?.setItem(key, id);
  } catch {
    // Quota or blocked: the id lasts for this page.
  }
  return id;
}

