import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

export interface TlsMaterial {
  caCertPath: string;
  caCertPem: string;
  serverCertPem: string;
  serverKeyPem: string;
}

const FILES = { caCert: 'ca.pem', caKey: 'ca-key.pem', serverCert: 'server.pem', serverKey: 'server-key.pem' };
const DAY_MS = 24 * 3600 * 1000;
/** Renew the leaf this long before it expires. */
const RENEW_MARGIN_MS = DAY_MS;

type Cert = forge.pki.Certificate;

function newRsaKeyPem(): string {
  // Native key generation: node-forge's pure-JS RSA generation takes seconds.
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
}

function writeAtomically(path: string, content: string, mode: number): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode });
  renameSync(temporary, path);
}

function baseCertificate(publicKey: forge.pki.PublicKey, lifetimeDays: number): Cert {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // A positive serial: clear the high bit of the first byte.
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  cert.serialNumber = serial.toString('hex');
  const notBefore = new Date(Date.now() - 60_000);
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = new Date(notBefore.getTime() + lifetimeDays * DAY_MS);
  return cert;
}

function createCa(keyPem: string): Cert {
  const key = forge.pki.privateKeyFromPem(keyPem);
  const cert = baseCertificate(forge.pki.rsa.setPublicKey(key.n, key.e), 3650);
  const subject = [
    { name: 'commonName', value: 'M365 Graph Emulator Local CA' },
    { name: 'organizationName', value: 'M365 CRM plugin development' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return cert;
}

function createServerCert(ca: Cert, caKeyPem: string, keyPem: string): Cert {
  const key = forge.pki.privateKeyFromPem(keyPem);
  // Browsers reject leaf certificates valid for more than 398 days.
  const cert = baseCertificate(forge.pki.rsa.setPublicKey(key.n, key.e), 397);
  cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
  cert.setIssuer(ca.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(caKeyPem), forge.md.sha256.create());
  return cert;
}

function leafIsUsable(ca: Cert, leafPem: string): boolean {
  try {
    const leaf = forge.pki.certificateFromPem(leafPem);
    return leaf.validity.notAfter.getTime() - RENEW_MARGIN_MS > Date.now() && ca.verify(leaf);
  } catch {
    return false;
  }
}

/**
 * Loads the emulator's CA and `localhost` server certificate from `dataDir`, creating them on first start and
 * re-issuing the server certificate when it is about to expire (or no longer chains to the CA).
 */
export function ensureTlsMaterial(dataDir: string): TlsMaterial {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = (name: string): string => join(dataDir, name);

  let caKeyPem: string;
  let ca: Cert;
  if (existsSync(path(FILES.caCert)) && existsSync(path(FILES.caKey))) {
    caKeyPem = readFileSync(path(FILES.caKey), 'utf8');
    ca = forge.pki.certificateFromPem(readFileSync(path(FILES.caCert), 'utf8'));
  } else {
    caKeyPem = newRsaKeyPem();
    ca = createCa(caKeyPem);
    writeAtomically(path(FILES.caKey), caKeyPem, 0o600);
    writeAtomically(path(FILES.caCert), forge.pki.certificateToPem(ca), 0o644);
  }

  const existingLeaf = existsSync(path(FILES.serverCert)) && existsSync(path(FILES.serverKey));
  if (!existingLeaf || !leafIsUsable(ca, readFileSync(path(FILES.serverCert), 'utf8'))) {
    const serverKeyPem = newRsaKeyPem();
    const leaf = createServerCert(ca, caKeyPem, serverKeyPem);
    writeAtomically(path(FILES.serverKey), serverKeyPem, 0o600);
    writeAtomically(path(FILES.serverCert), forge.pki.certificateToPem(leaf), 0o644);
  }

  return {
    caCertPath: path(FILES.caCert),
    caCertPem: readFileSync(path(FILES.caCert), 'utf8'),
    serverCertPem: readFileSync(path(FILES.serverCert), 'utf8'),
    serverKeyPem: readFileSync(path(FILES.serverKey), 'utf8'),
  };
}
