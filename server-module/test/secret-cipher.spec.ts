import { randomBytes } from 'node:crypto';
import { SecretCipher, SecretDecryptionError } from '../src/vault/secret-cipher.js';

const keyA = randomBytes(32);
const keyB = randomBytes(32);

describe('SecretCipher', () => {
  const cipher = new SecretCipher({ activeKeyId: 'a', keys: new Map([['a', keyA]]) });

  it('round-trips and never stores the plaintext', () => {
    const sealed = cipher.seal('refresh-token-value', 'msal:1');
    expect(sealed).not.toContain('refresh-token-value');
    expect(sealed.startsWith('v1.a.')).toBe(true);
    expect(cipher.open(sealed, 'msal:1')).toBe('refresh-token-value');
  });

  it('uses a fresh IV each time', () => {
    expect(cipher.seal('same', 'ctx')).not.toBe(cipher.seal('same', 'ctx'));
  });

  it('refuses a secret moved to another owner (bound context)', () => {
    const sealed = cipher.seal('secret', 'msal:1');
    expect(() => cipher.open(sealed, 'msal:2')).toThrow(SecretDecryptionError);
  });

  it('refuses a tampered ciphertext', () => {
    const parts = cipher.seal('secret', 'ctx').split('.');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => cipher.open(parts.join('.'), 'ctx')).toThrow(SecretDecryptionError);
  });

  it('opens secrets sealed under an older key after rotation, seals under the new one', () => {
    const sealedWithA = cipher.seal('old', 'ctx');
    const rotated = new SecretCipher({ activeKeyId: 'b', keys: new Map([['b', keyB], ['a', keyA]]) });
    expect(rotated.open(sealedWithA, 'ctx')).toBe('old');
    expect(rotated.keyIdOf(rotated.seal('new', 'ctx'))).toBe('b');
  });

  it('refuses an unknown key id with a clear error', () => {
    const onlyB = new SecretCipher({ activeKeyId: 'b', keys: new Map([['b', keyB]]) });
    expect(() => onlyB.open(cipher.seal('x', 'ctx'), 'ctx')).toThrow(/unknown format or key "a"/);
  });

  it('rejects keys of the wrong size', () => {
    expect(() => new SecretCipher({ activeKeyId: 'a', keys: new Map([['a', randomBytes(16)]]) })).toThrow(/32 bytes/);
  });
});
