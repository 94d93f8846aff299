import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const FORMAT = 'v1';

export interface EncryptionKeyring {
  activeKeyId: string;
  keys: Map<string, Buffer>;
}

export class SecretDecryptionError extends Error {}

/**
 * AES-256-GCM with a fresh 96-bit IV per secret. The sealed form names the key id so keys can rotate:
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). `context` is bound as additional data, so a
 * secret copied onto another owner does not open.
 */
export class SecretCipher {
  constructor(private readonly keyring: EncryptionKeyring) {
    for (const [keyId, key] of keyring.keys) {
      if (key.length !== 32) throw new Error(`Encryption key "${keyId}" must be 32 bytes`);
      if (keyId.includes('.')) throw new Error(`Encryption key id "${keyId}" must not contain "."`);
    }
    if (!keyring.keys.has(keyring.activeKeyId)) throw new Error(`Active encryption key "${keyring.activeKeyId}" is not in the keyring`);
  }

  get activeKeyId(): string {
    return this.keyring.activeKeyId;
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.keyring.keys.get(this.keyring.activeKeyId)!, iv);
    cipher.setAAD(Buffer.from(context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.keyring.activeKeyId, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  open(sealed: string, context: string): string {
    const [format, keyId, iv, tag, ciphertext] = sealed.split('.');
    const key = this.keyring.keys.get(keyId ?? '');
    if (format !== FORMAT || !key || !iv || !tag || ciphertext === undefined) {
      throw new SecretDecryptionError(`Secret sealed with unknown format or key "${keyId}"`);
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretDecryptionError('Secret failed authentication');
    }
  }

  keyIdOf(sealed: string): string {
    return sealed.split('.')[1] ?? '';
  }
}
