import type { CronRegistration, JobHandler } from '@m365/shared-types';

const keyOf = (queue: string, name: string) => `${queue}\u0000${name}`;

/** Named processors and crons, as registered; shared by both job systems. */
export class JobRegistrations {
  private readonly processors = new Map<string, { queue: string; name: string; handler: JobHandler<unknown> }>();
  private readonly crons = new Map<string, CronRegistration>();

  addProcessor<TData>(queue: string, name: string, handler: JobHandler<TData>): void {
    this.processors.set(keyOf(queue, name), { queue, name, handler: handler as JobHandler<unknown> });
  }

  addCron(cron: CronRegistration): void {
    this.crons.set(keyOf(cron.queue, cron.name), cron);
  }

  processor(queue: string, name: string): JobHandler<unknown> | undefined {
    return this.processors.get(keyOf(queue, name))?.handler;
  }

  cron(queue: string, name: string): CronRegistration | undefined {
    return this.crons.get(keyOf(queue, name));
  }

  list() {
    return {
      processors: [...this.processors.values()].map(({ queue, name }) => ({ queue, name })),
      crons: [...this.crons.values()].map(({ queue, name, pattern }) => ({ queue, name, pattern })),
    };
  }
}
