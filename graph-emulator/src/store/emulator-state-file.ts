import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { InMemoryEmulatorStore } from './in-memory-emulator-store.js';

/** Bumped whenever the shape of a store's state changes: an older file is set aside, not misread. */
const FORMAT = 1;

interface SavedState {
  format: number;
  savedAt: string;
  store: object;
}

export type StateLoadOutcome = { kind: 'restored'; savedAt: string } | { kind: 'absent' } | { kind: 'set-aside'; reason: string; movedTo: string };

/** Writes the whole store to `path` (V8's serializer keeps Maps, Buffers and shared records); a crash mid-write leaves the old file. */
export function saveEmulatorState(store: InMemoryEmulatorStore, path: string): void {
  const state: SavedState = { format: FORMAT, savedAt: new Date().toISOString(), store: store.exportState() };
  const partial = `${path}.partial`;
  writeFileSync(partial, serialize(state), { mode: 0o600 });
  renameSync(partial, path);
}

/** Restores what `saveEmulatorState` wrote. A file that cannot be read is moved aside and the emulator starts fresh. */
export function loadEmulatorState(store: InMemoryEmulatorStore, path: string): StateLoadOutcome {
  if (!existsSync(path)) return { kind: 'absent' };
  let state: SavedState;
  try {
    state = deserialize(readFileSync(path)) as SavedState;
    if (state?.format !== FORMAT) throw new Error(`format ${String(state?.format)}, this emulator reads ${FORMAT}`);
    store.importState(state.store);
  } catch (error) {
    store.reset();
    const movedTo = `${path}.unreadable-${Date.now()}`;
    renameSync(path, movedTo);
    return { kind: 'set-aside', reason: (error as Error).message, movedTo };
  }
  return { kind: 'restored', savedAt: state.savedAt };
}
