import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { HOST_JOB_SYSTEM, type HostJobSystem } from '@m365/shared-types';
import { PluginLogger } from '../../logging/plugin-logger.js';
import { CONTACT_OUTBOUND_JOB, CONTACT_OUTBOUND_RESUME_CRON } from '../contacts-sync.constants.js';
import { ContactOutboxRepository } from './contact-outbox.repository.js';
import { ContactOutboundApplier } from './contact-outbound.applier.js';

interface ContactOutboundJobData {
  workspaceId: string;
  contactChannelId: string;
  contactExternalId: string;
}

const JOB_ATTEMPTS = 6;
const STRANDED_AFTER_SECONDS = 30;
const RESUMED_PER_PASS = 200;

/** One job per CRM person change and contact: it writes the contact's pending changes to Outlook, oldest first. */
@Injectable()
export class ContactOutboundJobs {
  private readonly logger = new PluginLogger('MicrosoftContactOutbound');

  constructor(
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
    @Inject(ContactOutboundApplier) private readonly applier: ContactOutboundApplier,
    @Inject(ContactOutboxRepository) private readonly outbox: ContactOutboxRepository,
  ) {
    this.jobs.registerProcessor<ContactOutboundJobData>(CONTACT_OUTBOUND_JOB.queue, CONTACT_OUTBOUND_JOB.name, (data) => this.run(data.contactChannelId, data.contactExternalId));
    this.jobs.registerCron({ ...CONTACT_OUTBOUND_RESUME_CRON, handler: async () => void (await this.resumeStranded()) });
  }

  async enqueue(workspaceId: string, contactChannelId: string, contactExternalId: string): Promise<void> {
    await this.jobs.add<ContactOutboundJobData>(CONTACT_OUTBOUND_JOB.queue, CONTACT_OUTBOUND_JOB.name, { workspaceId, contactChannelId, contactExternalId }, {
      jobId: `contact-outbound:${contactChannelId}:${randomUUID()}`,
      attempts: JOB_ATTEMPTS,
    });
  }

  /** A temporary failure throws so that the job system retries with backoff; another worker on the contact is waited out the same way. */
  async run(contactChannelId: string, contactExternalId: string): Promise<void> {
    for (;;) {
      const row = await this.outbox.claimNext(contactChannelId, contactExternalId);
      if (!row) {
        if (await this.outbox.hasPending(contactChannelId, contactExternalId)) throw new Error(`Contact ${contactExternalId}: another worker is writing it to Outlook`);
        return;
      }
      await this.applier.apply(row);
    }
  }

  async resumeStranded(): Promise<number> {
    const stranded = await this.outbox.listStranded(STRANDED_AFTER_SECONDS, RESUMED_PER_PASS);
    for (const row of stranded) await this.enqueue(row.workspaceId, row.contactChannelId, row.contactExternalId);
    if (stranded.length > 0) this.logger.log(`Resuming outbound writes of ${stranded.length} contact(s)`);
    return stranded.length;
  }
}
