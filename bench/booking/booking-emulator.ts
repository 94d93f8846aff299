// The Graph emulator in a process of its own for `npm run bench:booking`, so that the figures are the CRM's time and
// Graph's latency, not the emulator's CPU. Tells its parent where it listens, then lives until the parent goes away.
import { startEmulatorChild } from '../shared/emulator-child.js';
import { endpointsOf } from '../shared/emulator-endpoints.js';
import { requireIpcChannel } from '../shared/ipc-channel.js';

requireIpcChannel('booking-emulator.ts', 'booking-bench.ts');
const emulator = await startEmulatorChild('m365-bench-booking-emulator-', { mailSettings: { throttling: { enabled: false } } });
process.send!({ type: 'ready', endpoints: endpointsOf(emulator) });
