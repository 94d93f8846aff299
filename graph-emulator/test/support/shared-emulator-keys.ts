import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// What an emulator generates into its data directory on first start (graph-emulator/src/tls, src/tokens).
const FILES = ['ca.pem', 'ca-key.pem', 'server.pem', 'server-key.pem', 'signing-key.json'];

/**
 * Within one test run (scripts/test.mjs names a directory), the first emulator's CA, certificate and signing key are
 * kept and copied into each later emulator's data directory before it starts: generating them took about a second
 * of CPU per emulator. Kept as one set, renamed into place whole, so that no emulator gets one host's CA with
 * another's certificate. Without the variable every emulator generates its own.
 */
export function reuseEmulatorKeys(emulatorDir: string): void {
  const kept = keptSet();
  if (!kept || !FILES.every((file) => existsSync(join(kept, file)))) return;
  mkdirSync(emulatorDir, { recursive: true, mode: 0o700 });
  for (const file of FILES) if (!existsSync(join(emulatorDir, file))) copyFileSync(join(kept, file), join(emulatorDir, file));
}

/** After an emulator started in `emulatorDir`: its keys become the run's set, unless another emulator's already are. */
export function shareEmulatorKeys(emulatorDir: string): void {
  const kept = keptSet();
  if (!kept || existsSync(kept) || !FILES.every((file) => existsSync(join(emulatorDir, file)))) return;
  const parent = process.env.M365_TEST_EMULATOR_KEYS!;
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  const staging = mkdtempSync(join(parent, 'staging-'));
  for (const file of FILES) copyFileSync(join(emulatorDir, file), join(staging, file));
  try {
    renameSync(staging, kept);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another emulator's set got there first
  }
}

function keptSet(): string | undefined {
  const parent = process.env.M365_TEST_EMULATOR_KEYS;
  return parent ? join(parent, 'set') : undefined;
}
