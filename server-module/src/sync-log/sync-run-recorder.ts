import { Inject, Injectable } from '@nestjs/common';
import type { SyncChannelKind, SyncRunTrigger } from '@m365/shared-types';
import { SyncRunRepository } from './sync-run.repository.js';
import { SyncRunHandle } from './sync-run-handle.js';
import { PluginLogger } from '../logging/plugin-logger.js';

export const INTERRUPTED_MESSAGE = 'The CRM stopped during this run (a restart or a crash); the next run carried on from where it stopped.';

export interface SyncRunBegin {
  workspaceId: string;
  channelId: string;
  channelKind: SyncChannelKind;
  trigger: SyncRunTrigger;
  /** Written only once it is over (quick push passes: many a day, most of them quiet). */
  recordAtEnd?: boolean;
}

/** Where a channel's sync (mail today, calendar next) opens its entry in the sync log, once it holds the channel. */
@Injectable()
export class SyncRunRecorder {
  private readonly logger = new PluginLogger('SyncLog');
  private readonly clock = () => new Date();

  constructor(@Inject(SyncRunRepository) private readonly runs: SyncRunRepository) {}

  /** Call with the channel claimed: any run of it still open was left by a process that died. */
  async begin(run: SyncRunBegin): Promise<SyncRunHandle> {
    const start = { workspaceId: run.workspaceId, channelId: run.channelId, channelKind: run.channelKind, trigger: run.trigger, startedAt: this.clock() };
    const closeOpenRuns = () => this.runs.interruptOpen(run.channelId, INTERRUPTED_MESSAGE);
    // A push pass writes nothing before it reads Microsoft's changes: their latency is what push is for.
    if (run.recordAtEnd) return new SyncRunHandle(this.runs, this.logger, start, null, this.clock, closeOpenRuns);
    let id: string | null = null;
    try {
      await closeOpenRuns();
      id = await this.runs.insert(start);
    } catch (error) {
      this.logger.warn(`Sync log of channel ${run.channelId}: run not opened (${(error as Error).message})`);
    }
    return new SyncRunHandle(this.runs, this.logger, start, id, this.clock);
  }
}
