import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { ensureTlsMaterial } from '../src/tls/certificate-authority.js';

describe('certificate authority', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'graph-emulator-ca-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('issues a localhost certificate for localhost, 127.0.0.1 and ::1, signed by the CA', () => {
    const tls = ensureTlsMaterial(dir);
    const ca = new X509Certificate(tls.caCertPem);
    const leaf = new X509Certificate(tls.serverCertPem);
    expect(ca.ca).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.checkIP('::1')).toBeTruthy();
  });

  it('re-issues an expired server certificate with the same CA', async () => {
    const first = ensureTlsMaterial(dir);
    const caKey = forge.pki.privateKeyFromPem(await readFile(join(dir, 'ca-key.pem'), 'utf8'));
    const ca = forge.pki.certificateFromPem(first.caCertPem);
    const keyPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const key = forge.pki.privateKeyFromPem(keyPem);
    const expired = forge.pki.createCertificate();
    expired.publicKey = forge.pki.rsa.setPublicKey(key.n, key.e);
    expired.serialNumber = '01';
    expired.validity.notBefore = new Date(Date.now() - 3 * 86_400_000);
    expired.validity.notAfter = new Date(Date.now() - 86_400_000);
    expired.setSubject([{ name: 'commonName', value: 'localhost' }]);
    expired.setIssuer(ca.subject.attributes);
    expired.sign(caKey, forge.md.sha256.create());
    await writeFile(join(dir, 'server.pem'), forge.pki.certificateToPem(expired));

    const second = ensureTlsMaterial(dir);
    expect(second.caCertPem).toBe(first.caCertPem);
    expect(new Date(new X509Certificate(second.serverCertPem).validTo).getTime()).toBeGreaterThan(Date.now());
  });
});
