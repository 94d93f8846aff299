/** A bench child talks to its orchestrator over Node's IPC channel: without one it was not forked, and cannot run. */
export function requireIpcChannel(child: string, orchestrator: string): void {
  if (!process.send) throw new Error(`${child} is started by ${orchestrator} (it needs an IPC channel)`);
}
