import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { CryptoKey, JWK } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public JWK as published in the JWKS. */
  publicJwk: JWK;
}

const KEY_FILE = 'signing-key.json';

async function fromPrivateJwk(privateJwk: JWK): Promise<SigningKey> {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicPart } = privateJwk;
  const kid = privateJwk.kid ?? (await calculateJwkThumbprint(publicPart));
  const publicJwk: JWK = { kty: 'RSA', use: 'sig', alg: 'RS256', kid, n: publicPart.n, e: publicPart.e };
  return {
    kid,
    privateKey: (await importJWK({ ...privateJwk, alg: 'RS256' }, 'RS256')) as CryptoKey,
    publicKey: (await importJWK(publicJwk, 'RS256')) as CryptoKey,
    publicJwk,
  };
}

/** The RS256 token-signing key, kept in `dataDir` so tokens stay verifiable across restarts. */
export async function loadOrCreateSigningKey(dataDir: string): Promise<SigningKey> {
  const path = join(dataDir, KEY_FILE);
  if (existsSync(path)) return fromPrivateJwk(JSON.parse(readFileSync(path, 'utf8')) as JWK);
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const { n, e, kty } = privateJwk;
  privateJwk.kid = await calculateJwkThumbprint({ kty, n, e });
  writeFileSync(path, JSON.stringify(privateJwk), { mode: 0o600 });
  return fromPrivateJwk(privateJwk);
}
