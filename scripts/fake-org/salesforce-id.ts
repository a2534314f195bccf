/**
 * Salesforce record ids: a 3-character key prefix naming the sObject type, 12 more
 * characters (15, case-sensitive), and a 3-character checksum that makes the id
 * case-safe (18). The checksum is Salesforce's: each 5-character chunk of the 15-char id
 * gives a 5-bit number (bit i set when character i is an uppercase letter), mapped onto
 * `A..Z0..5`.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character case-safe suffix Salesforce appends to a 15-character id. */
export function idChecksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM_CHARS.charAt(bits);
  }
  return suffix;
}

/** Builds an 18-character id from a key prefix (`00Q` for Lead...) and a serial number. */
export function makeId(keyPrefix: string, serial: number, pod = '5g0'): string {
  let n = Math.floor(serial);
  let body = '';
  for (let i = 0; i < 9; i++) {
    body = BASE62.charAt(n % 62) + body;
    n = Math.floor(n / 62);
  }
  const id15 = keyPrefix + pod + body;
  return id15 + idChecksum(id15);
}

/** True for a syntactically valid 15- or 18-character Salesforce id (checksum checked). */
export function isSalesforceId(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[0-9A-Za-z]{15}([0-9A-Za-z]{3})?$/.test(value)) return false;
  return value.length === 15 || idChecksum(value.slice(0, 15)) === value.slice(15).toUpperCase();
}

/** The 18-character form of a valid 15- or 18-character id. */
export function toId18(id: string): string {
  return id.length === 18 ? id.slice(0, 15) + id.slice(15).toUpperCase() : id + idChecksum(id);
}
