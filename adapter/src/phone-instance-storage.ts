/**
 * This browser's SIP instance id for the agent (PhoneConfig.instanceId, RFC 5626 4.1), kept in
 * localStorage under a key per org and agent: every page of the agent in this browser (a
 * reload, a tab that takes the phone over, the page left after another crashed) registers as
 * the same device, so the registrar replaces the binding the last page left instead of keeping
 * it until it expires. A kept value that is no UUID (edited, damaged) is replaced; storage that
 * fails (blocked, quota) gives a new id for this page, as before instance ids were kept.
 */
import { isInstanceId } from './telephony/phone-config.ts';

/** The part of the Web Storage API used (localStorage). */
export type InstanceIdStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The instance id kept under `key`, made (with `newId`) and kept when there is none. */
export function keptInstanceId(storage: InstanceIdStorage | undefined, key: string, newId: () => string = newUuid): string {
  try {
    const kept = storage?.getItem(key);
    if (isInstanceId(kept)) return kept;
  } catch {
    // Blocked storage: a new id, for this page.
  }
  const id = newId();
  try {
    storage?.setItem(key, id);
  } catch {
    // Quota or blocked: the id lasts for this page.
  }
  return id;
}

/** A random version 4 UUID (RFC 9562 5.4); crypto.getRandomValues, as crypto.randomUUID needs a secure context. */
function newUuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
