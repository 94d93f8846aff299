import { Global, Module, type DynamicModule } from '@nestjs/common';
import { HOST_JOB_SYSTEM } from '@m365/shared-types';
import type { ClosableJobSystem } from './closable-job-system.js';

/** Provides the host's job system to every module under HOST_JOB_SYSTEM. Its lifecycle belongs to the host. */
@Global()
@Module({})
export class JobSystemModule {
  static forJobSystem(jobs: ClosableJobSystem): DynamicModule {
    return { module: JobSystemModule, providers: [{ provide: HOST_JOB_SYSTEM, useValue: jobs }], exports: [HOST_JOB_SYSTEM] };
  }
}
