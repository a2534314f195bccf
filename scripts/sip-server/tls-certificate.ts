/**
 * The certificate Kamailio serves WSS with in the local console and the tests: a self-signed
 * certificate for 127.0.0.1 (EC P-256, 30 days), made with openssl into .run/tls/ (never
 * committed) and reused while it has more than a day left. A browser trusts it only when told
 * to: Chromium's `--ignore-certificate-errors-spki-list=<spki>` with {@link spkiHash}.
 */
import { spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const TLS_DIR = join(ROOT, '.run', 'tls');
const DAY_MS = 86_400_000;

/** A certificate and its private key, as PEM files. */
export interface CertificateFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

/** base64(SHA-256(SubjectPublicKeyInfo)) of a PEM certificate: what Chromium's --ignore-certificate-errors-spki-list takes. */
export function spkiHash(certPem: string | Buffer): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

function usable(files: CertificateFiles): boolean {
  if (!existsSync(files.certFile) || !existsSync(files.keyFile)) return false;
  try {
    const cert = new X509Certificate(readFileSync(files.certFile));
    return Date.parse(cert.validTo) - Date.now() > DAY_MS && cert.checkIP('127.0.0.1') !== undefined;
  } catch {
    return false;
  }
}

/**
 * The local self-signed certificate for 127.0.0.1 (files in .run/tls/), made now with openssl
 * when there is none yet or it expires within a day. Safe when several runs ask at once: each
 * makes its pair in a scratch folder and moves the folder into place.
 */
export function localCertificate(): CertificateFiles {
  const current = join(TLS_DIR, 'current');
  const files = { certFile: join(current, 'cert.pem'), keyFile: join(current, 'key.pem') };
  if (usable(files)) return files;

  mkdirSync(TLS_DIR, { recursive: true });
  const scratch = mkdtempSync(join(TLS_DIR, 'new-'));
  const made = spawnSync(
    'openssl',
    [
      'req', '-x509', '-nodes',
      '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
      '-keyout', join(scratch, 'key.pem'),
      '-out', join(scratch, 'cert.pem'),
      '-days', '30',
      '-subj', '/CN=127.0.0.1/O=ContactPad local SIP edge',
      '-addext', 'subjectAltName=IP:127.0.0.1',
      '-addext', 'extendedKeyUsage=serverAuth',
    ],
    { encoding: 'utf8' },
  );
  if (made.error || made.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    const why = made.error ? made.error.message : made.stderr.trim();
    throw new Error(`Making the local TLS certificate with openssl failed (install Debian's package "openssl"): ${why}`);
  }
  if (usable(files)) {
    rmSync(scratch, { recursive: true, force: true }); // another run was quicker
    return files;
  }
  const old = `${current}-old-${process.pid}-${Date.now()}`;
  if (existsSync(current)) renameSync(current, old);
  try {
    renameSync(scratch, current);
  } catch {
    rmSync(scratch, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  if (!usable(files)) throw new Error(`The local TLS certificate in ${current} is not usable after making it.`);
  return files;
}
