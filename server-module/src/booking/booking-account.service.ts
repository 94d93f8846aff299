import { Inject, Injectable } from '@nestjs/common';
import { ConnectedAccountProvider, MicrosoftFeature, type ConnectedAccountRecord, type WorkspaceMemberRef } from '@m365/shared-types';
import { FeatureGate } from '../accounts/feature-gate.js';
import { MicrosoftCalendarRepository, type MicrosoftCalendarRecord } from '../calendar/microsoft-calendar.repository.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { TeamsAvailabilityService } from '../scheduling/teams-availability.service.js';
import { notFound } from './booking.exception.js';

export const CONFIRMATIONS_NEED_MAIL_SEND = 'Confirmation emails need permission to send mail (Mail.Send): reconnect the account and allow it';

export interface AccountCapabilities {
  teamsAvailable: boolean;
  teamsUnavailableReason: string | null;
  confirmationsAvailable: boolean;
  confirmationsUnavailableReason: string | null;
}

/** What booking needs of a member's Microsoft account: that it is theirs, its calendars, and what it can do. */
@Injectable()
export class BookingAccountService {
  constructor(
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(FeatureGate) private readonly gate: FeatureGate,
    @Inject(MicrosoftCalendarRepository) private readonly calendarRows: MicrosoftCalendarRepository,
    @Inject(TeamsAvailabilityService) private readonly teams: TeamsAvailabilityService,
  ) {}

  async ownAccount(member: WorkspaceMemberRef, connectedAccountId: string): Promise<ConnectedAccountRecord> {
    const accounts = await this.records.connectedAccounts().listConnectedAccounts(member.workspaceId, member.workspaceMemberId, ConnectedAccountProvider.MICROSOFT);
    const account = accounts.find((candidate) => candidate.id === connectedAccountId);
    if (!account) throw notFound('No such Microsoft account among yours.');
    return account;
  }

  async account(workspaceId: string, connectedAccountId: string): Promise<ConnectedAccountRecord | null> {
    return this.records.connectedAccounts().findConnectedAccount(workspaceId, connectedAccountId);
  }

  /** The account's Outlook calendars as the calendar sync found them (empty before its first pass). */
  async calendars(workspaceId: string, connectedAccountId: string): Promise<MicrosoftCalendarRecord[]> {
    const [channel] = await this.records.connectedAccounts().findCalendarChannels(workspaceId, [connectedAccountId]);
    return channel ? this.calendarRows.list(channel.id) : [];
  }

  async capabilities(workspaceId: string, connectedAccountId: string): Promise<AccountCapabilities> {
    const teams = await this.teams.forAccount(workspaceId, connectedAccountId);
    const mailDenied = await this.gate.deniedReason(workspaceId, connectedAccountId, MicrosoftFeature.MAIL_SEND);
    return {
      teamsAvailable: teams.available,
      teamsUnavailableReason: teams.available ? null : teams.reason,
      confirmationsAvailable: !mailDenied,
      confirmationsUnavailableReason: mailDenied ? CONFIRMATIONS_NEED_MAIL_SEND : null,
    };
  }
}
