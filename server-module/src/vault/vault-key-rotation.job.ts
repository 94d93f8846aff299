import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HOST_JOB_SYSTEM, type HostJobSystem } from '@m365/shared-types';
import { MicrosoftQueue } from '../jobs/queue-names.js';
import { SecretVaultService } from './secret-vault.service.js';

export const VAULT_KEY_ROTATION_JOB = { queue: MicrosoftQueue.CRON, name: 'MicrosoftVaultKeyRotationJob' };

/** After a new active key is configured, re-seals every secret in the background (once per start, deduplicated). */
@Injectable()
export class VaultKeyRotationJob implements OnApplicationBootstrap {
  constructor(
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
    @Inject(SecretVaultService) private readonly vault: SecretVaultService,
  ) {
    this.jobs.registerProcessor(VAULT_KEY_ROTATION_JOB.queue, VAULT_KEY_ROTATION_JOB.name, async () => {
      await this.vault.rotateToActiveKey();
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (await this.vault.hasSecretsUnderOtherKeys()) {
      await this.jobs.add(VAULT_KEY_ROTATION_JOB.queue, VAULT_KEY_ROTATION_JOB.name, {}, { jobId: VAULT_KEY_ROTATION_JOB.name, attempts: 5 });
    }
  }
}
