// The Graph emulator in a bench child process: started in a temporary data directory, stopped (and the directory
// removed) on SIGTERM or SIGINT, or when the orchestrator goes away, so that it never outlives the bench.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraphEmulator, type GraphEmulatorOptions, type RunningGraphEmulator } from '@m365/graph-emulator';

export async function startEmulatorChild(dataDirPrefix: string, options: Partial<GraphEmulatorOptions> = {}): Promise<RunningGraphEmulator> {
  const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
  const emulator = await startGraphEmulator({ allowLoopbackHttpNotificationUrls: true, ...options, port: 0, dataDir });

  let stopping = false;
  const stop = (code: number): void => {
    if (stopping) return;
    stopping = true;
    // The CA, certificate and signing key were read at start: the directory can go first, whatever happens next.
    rmSync(dataDir, { recursive: true, force: true });
    const force = setTimeout(() => process.exit(code), 3_000);
    force.unref();
    emulator
      .close()
      .catch(() => undefined)
      .finally(() => process.exit(code));
  };
  process.once('SIGTERM', () => stop(0));
  process.once('SIGINT', () => stop(0));
  process.once('disconnect', () => stop(0));
  return emulator;
}
