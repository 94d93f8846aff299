import type { DevHost } from '@m365/dev-host';

/**
 * From now until the returned function is called, the host's job system drops jobs named `names` (the periodic
 * passes of a cron that would otherwise fall in the middle of a test); every other job goes through.
 */
export function holdBackJobs(host: Pick<DevHost, 'jobs'>, names: string[]): () => void {
  const held = new Set(names);
  const add = host.jobs.add;
  host.jobs.add = (async (queue: string, name: string, ...rest: unknown[]) =>
    held.has(name) ? undefined : (add as (...args: unknown[]) => Promise<void>).call(host.jobs, queue, name, ...rest)) as typeof host.jobs.add;
  return () => {
    host.jobs.add = add;
  };
}
