import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HOST_JOB_SYSTEM, type HostJobSystem } from '@m365/shared-types';
import { MAIL_TIP_PRUNE_CRON } from '../compose.constants.js';
import { MailTipCacheRepository } from './mail-tip-cache.repository.js';

/** Cached out-of-office answers are read only while fresh; this hourly pass deletes the ones past their time. */
@Injectable()
export class MailTipPruneCronJob implements OnModuleInit {
  constructor(
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
    @Inject(MailTipCacheRepository) private readonly tips: MailTipCacheRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.registerCron({ ...MAIL_TIP_PRUNE_CRON, handler: async () => void (await this.prune()) });
  }

  /** Returns how many cached answers it removed. */
  prune(): Promise<number> {
    return this.tips.deleteExpired();
  }
}
