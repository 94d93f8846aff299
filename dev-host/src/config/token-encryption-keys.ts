import { join } from 'node:path';
import { readOrCreateSecretFile } from './local-secret-file.js';

export interface EncryptionKeyRing {
  activeKeyId: string;
  keys: Map<string, Buffer>;
}

/** Parses `kid:base64key[,kid:base64key…]`; the first key is the active one. Each key must be 32 bytes (AES-256). */
export function parseEncryptionKeys(value: string): EncryptionKeyRing {
  const keys = new Map<string, Buffer>();
  let activeKeyId = '';
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const separator = entry.indexOf(':');
    const kid = entry.slice(0, separator).trim();
    const key = Buffer.from(entry.slice(separator + 1).trim(), 'base64');
    if (separator <= 0 || !kid) throw new Error('TOKEN_ENCRYPTION_KEYS: each entry must be "kid:base64key"');
    if (key.length !== 32) throw new Error(`TOKEN_ENCRYPTION_KEYS: key "${kid}" must decode to 32 bytes, not ${key.length}`);
    if (keys.has(kid)) throw new Error(`TOKEN_ENCRYPTION_KEYS: key id "${kid}" appears twice`);
    keys.set(kid, key);
    activeKeyId ||= kid;
  }
  if (!activeKeyId) throw new Error('TOKEN_ENCRYPTION_KEYS is empty');
  return { activeKeyId, keys };
}

/** The configured key ring, or a development key kept in `${dataDir}/token-encryption-key`. */
export function resolveEncryptionKeys(configured: string | undefined, dataDir: string): EncryptionKeyRing {
  if (configured?.trim()) return parseEncryptionKeys(configured);
  const devKey = readOrCreateSecretFile(join(dataDir, 'token-encryption-key'));
  return parseEncryptionKeys(`dev:${devKey}`);
}
