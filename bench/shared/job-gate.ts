// The job traffic a bench worker lets through its dev host: none while a stage is timed and counted alone, then only
// the jobs a bench names (push, subscriptions, outbound writes), so that every inbound delivery is push's and no
// periodic pass or other import runs beside the measured ones.
import type { DevHost } from '@m365/dev-host';

export class JobGate {
  private open = false;
  private readonly allowed: Set<string>;

  /** `allowed`: the job names let through once the gate is open. */
  constructor(host: DevHost, allowed: Iterable<string>) {
    this.allowed = new Set(allowed);
    const add = host.jobs.add.bind(host.jobs);
    host.jobs.add = (async (queue: string, name: string, ...rest: unknown[]) => {
      if (this.open && this.allowed.has(name)) return (add as (...args: unknown[]) => Promise<unknown>)(queue, name, ...rest);
      return undefined;
    }) as typeof host.jobs.add;
  }

  openForPushAndOutbound(): void {
    this.open = true;
  }

  /** More job names let through from now on (a later stage's). */
  allow(names: Iterable<string>): void {
    for (const name of names) this.allowed.add(name);
  }
}
