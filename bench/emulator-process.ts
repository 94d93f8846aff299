// The Graph emulator in a process of its own, so that the importer's CPU and memory figures are the importer's.
// Forked by import-bench.ts; tells its parent where it listens, then lives until the parent goes away.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraphEmulator } from '@m365/graph-emulator';
import type { EmulatorEndpoints } from './bench-fixtures.js';

if (!process.send) throw new Error('emulator-process.ts is started by import-bench.ts (it needs an IPC channel)');

const dataDir = mkdtempSync(join(tmpdir(), 'm365-bench-emulator-'));
const emulator = await startGraphEmulator({ port: 0, dataDir, mailSettings: { throttling: { enabled: false } } });

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
// The orchestrator died or let go of us: never outlive it.
process.once('disconnect', () => stop(0));

const endpoints: EmulatorEndpoints = {
  baseUrl: emulator.baseUrl,
  authorityHost: emulator.authorityHost,
  graphBaseUrl: emulator.graphBaseUrl,
  caCertPem: emulator.caCertPem,
  caCertPath: emulator.caCertPath,
  demoApp: emulator.demoApp,
  pid: process.pid,
};
process.send({ type: 'ready', endpoints });
