import { checkNumber } from '../check-number.js';
import type { DeltaSettings } from './mail-records.js';

export const DEFAULT_DELTA_SETTINGS: Readonly<DeltaSettings> = Object.freeze({ defaultPageSize: 10, maxPageSize: 1000, replayRate: 0 });

/** The delta settings after `patch`, checked whole: a bad knob throws and changes nothing. */
export function nextDeltaSettings(current: DeltaSettings, patch: Partial<DeltaSettings> = {}): DeltaSettings {
  const next = { ...current };
  if (patch.defaultPageSize !== undefined) next.defaultPageSize = Math.floor(checkNumber('delta.defaultPageSize', patch.defaultPageSize, 1, 10_000));
  if (patch.maxPageSize !== undefined) next.maxPageSize = Math.floor(checkNumber('delta.maxPageSize', patch.maxPageSize, 1, 10_000));
  if (patch.replayRate !== undefined) next.replayRate = checkNumber('delta.replayRate', patch.replayRate, 0, 1);
  return next;
}
