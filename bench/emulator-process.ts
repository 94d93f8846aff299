// The Graph emulator in a process of its own, so that the importer's CPU and memory figures are the importer's.
// Forked by import-bench.ts; tells its parent where it listens, then lives until the parent goes away.
import { startEmulatorChild } from './shared/emulator-child.js';
import { endpointsOf } from './shared/emulator-endpoints.js';
import { requireIpcChannel } from './shared/ipc-channel.js';

requireIpcChannel('emulator-process.ts', 'import-bench.ts');
const emulator = await startEmulatorChild('m365-bench-emulator-', { mailSettings: { throttling: { enabled: false } } });
process.send!({ type: 'ready', endpoints: endpointsOf(emulator) });
