import { openDeltaPosition, sealDeltaPosition, type ContainerDeltaPosition } from '../container-delta-token.js';

export type DeltaChangeType = 'created' | 'updated' | 'deleted';

/** A mail folder's delta link: its position (`f` the folder, `k` a message key) and the first request's options. */
export interface DeltaState extends ContainerDeltaPosition {
  /** The original `$top` (the page size). */
  top?: number;
  /** The original `changeType` (applies to rounds of changes, not to the initial walk). */
  ct?: DeltaChangeType;
  /** The original `$filter=receivedDateTime ge …`, as epoch ms, and its text. */
  since?: number;
  flt?: string;
}

export function encodeDeltaToken(state: DeltaState, secret: Buffer): string {
  return sealDeltaPosition(state, secret);
}

/** Undefined for anything this emulator did not mint (garbled, edited, foreign). */
export function decodeDeltaToken(token: string, secret: Buffer): DeltaState | undefined {
  return openDeltaPosition<DeltaState>(token, secret);
}
