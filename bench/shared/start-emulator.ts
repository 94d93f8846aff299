// The orchestrator's Graph emulator: ../emulator-process.ts forked from the compiled tree, ready when it says where
// it listens.
import type { CompiledBench } from '../compile-for-bench.js';
import type { ChildProcesses } from './child-processes.js';
import type { EmulatorEndpoints } from './emulator-endpoints.js';

export function startEmulatorProcess(children: ChildProcesses, compiled: CompiledBench): Promise<EmulatorEndpoints> {
  const child = children.fork(compiled, 'bench/emulator-process.ts', 'emulator');
  return new Promise<EmulatorEndpoints>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the emulator did not start within 60 s')), 60_000);
    child.once('message', (message: { endpoints: EmulatorEndpoints }) => {
      clearTimeout(timer);
      resolve(message.endpoints);
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before it was ready`)));
  });
}
