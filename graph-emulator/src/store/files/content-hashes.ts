import { createHash } from 'node:crypto';

const WIDTH_BITS = 160;
const SHIFT = 11;

/**
 * OneDrive's quickXorHash: each byte XORed into a 160-bit ring at a position that advances 11 bits per byte, then
 * the length (64-bit little-endian) XORed into the last 8 bytes; base64 of the 20 bytes.
 */
export function quickXorHash(bytes: Buffer): string {
  const ring = new Uint8Array(WIDTH_BITS / 8);
  let position = 0;
  for (const byte of bytes) {
    const index = position >> 3;
    const offset = position & 7;
    const wide = byte << offset;
    ring[index]! ^= wide & 0xff;
    if (offset > 0) ring[(index + 1) % ring.length]! ^= wide >> 8;
    position = (position + SHIFT) % WIDTH_BITS;
  }
  let length = BigInt(bytes.length);
  for (let i = 0; i < 8; i++) {
    ring[ring.length - 8 + i]! ^= Number(length & 0xffn);
    length >>= 8n;
  }
  return Buffer.from(ring).toString('base64');
}

export function contentHashes(bytes: Buffer): { quickXorHash: string; sha1Hash: string; sha256Hash: string } {
  return {
    quickXorHash: quickXorHash(bytes),
    sha1Hash: createHash('sha1').update(bytes).digest('hex').toUpperCase(),
    sha256Hash: createHash('sha256').update(bytes).digest('hex').toUpperCase(),
  };
}
