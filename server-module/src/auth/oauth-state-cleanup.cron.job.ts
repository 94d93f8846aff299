import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HOST_JOB_SYSTEM, type HostJobSystem } from '@m365/shared-types';
import { MicrosoftQueue } from '../jobs/queue-names.js';
import { OAuthStateService } from './oauth-state.service.js';

export const OAUTH_STATE_CLEANUP_CRON = { queue: MicrosoftQueue.CRON, name: 'MicrosoftOAuthStateCleanupCronJob', pattern: '17 * * * *' };

@Injectable()
export class OAuthStateCleanupCronJob implements OnModuleInit {
  constructor(
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
    @Inject(OAuthStateService) private readonly states: OAuthStateService,
  ) {}

  onModuleInit(): void {
    this.jobs.registerCron({ ...OAUTH_STATE_CLEANUP_CRON, handler: async () => void (await this.states.purgeExpired()) });
  }
}
