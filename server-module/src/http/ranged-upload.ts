/** A piece of a request body as Node streams hand it over. */
export type BodyPiece = Buffer | Uint8Array | string;

const asBuffer = (piece: BodyPiece): Buffer =>
  typeof piece === 'string' ? Buffer.from(piece) : Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);

/**
 * Sends `body` (announced as `size` bytes) in ranges of `chunkBytes` through one buffer filled and sent again and
 * again: the file is never held whole, and no range-sized garbage piles up between collections. `send` may not keep
 * the range it is given past its own promise. A body longer or shorter than announced throws `mismatch()`, the longer
 * one before its extra bytes are sent.
 */
export async function sendInRanges(
  body: AsyncIterable<BodyPiece>,
  size: number,
  chunkBytes: number,
  send: (range: Buffer, offset: number) => Promise<void>,
  mismatch: () => Error,
): Promise<void> {
  const chunk = Buffer.allocUnsafe(Math.min(chunkBytes, size));
  let offset = 0;
  let filled = 0;
  const flush = async (range: Buffer) => {
    await send(range, offset);
    offset += range.length;
  };
  for await (const piece of body) {
    let rest = asBuffer(piece);
    if (offset + filled + rest.length > size) throw mismatch();
    while (rest.length > 0) {
      const copied = rest.copy(chunk, filled, 0, Math.min(rest.length, chunk.length - filled));
      filled += copied;
      rest = rest.subarray(copied);
      if (filled === chunk.length) {
        await flush(chunk);
        filled = 0;
      }
    }
  }
  if (filled > 0) await flush(chunk.subarray(0, filled));
  if (offset !== size) throw mismatch();
}
