import { Inject, Injectable } from '@nestjs/common';
import { MicrosoftFeature } from '@m365/shared-types';
import { FeatureGate } from '../accounts/feature-gate.js';
import { MicrosoftIdentityRepository } from '../accounts/microsoft-identity.repository.js';
import { isPersonalTenant } from './personal-account.util.js';
import { SchedulingGraphFactory } from './scheduling-graph.factory.js';

export const TEAMS_NEEDS_WORK_ACCOUNT = 'Teams meetings need a work or school account';

export interface TeamsAvailability {
  available: boolean;
  reason: string | null;
}

/** How long the default calendar's answer on Teams is trusted before it is asked again. */
const CALENDAR_ANSWER_MS = 10 * 60_000;

/**
 * Whether an account can hold Teams meetings: not on a personal account (the consumer tenant), confirmed by the
 * default calendar offering teamsForBusiness among its allowedOnlineMeetingProviders, and only with the scopes
 * the feature needs granted.
 */
@Injectable()
export class TeamsAvailabilityService {
  private readonly calendarAnswers = new Map<string, { at: number; offersTeams: Promise<boolean> }>();

  constructor(
    @Inject(FeatureGate) private readonly gate: FeatureGate,
    @Inject(MicrosoftIdentityRepository) private readonly identities: MicrosoftIdentityRepository,
    @Inject(SchedulingGraphFactory) private readonly graphs: SchedulingGraphFactory,
  ) {}

  async forAccount(workspaceId: string, connectedAccountId: string): Promise<TeamsAvailability> {
    const identity = await this.identities.find(workspaceId, connectedAccountId);
    if (isPersonalTenant(identity?.tenantId)) return { available: false, reason: TEAMS_NEEDS_WORK_ACCOUNT };
    const denied = await this.gate.deniedReason(workspaceId, connectedAccountId, MicrosoftFeature.TEAMS_MEETINGS);
    if (denied) return { available: false, reason: denied };
    if (!(await this.calendarOffersTeams(workspaceId, connectedAccountId))) return { available: false, reason: TEAMS_NEEDS_WORK_ACCOUNT };
    return { available: true, reason: null };
  }

  /** Forgets the calendar's answer (a reconnect may have brought another account). */
  forget(connectedAccountId: string): void {
    this.calendarAnswers.delete(connectedAccountId);
  }

  private calendarOffersTeams(workspaceId: string, connectedAccountId: string): Promise<boolean> {
    const cached = this.calendarAnswers.get(connectedAccountId);
    if (cached && Date.now() - cached.at < CALENDAR_ANSWER_MS) return cached.offersTeams;
    const offersTeams = this.graphs
      .forAccount(workspaceId, connectedAccountId)
      .defaultCalendar()
      .then((calendar) => calendar.allowedOnlineMeetingProviders.includes('teamsForBusiness'));
    // A failed look-up is not an answer: it is asked again next time, and meanwhile a work account is not held back.
    const settled = offersTeams.catch(() => {
      this.calendarAnswers.delete(connectedAccountId);
      return true;
    });
    this.calendarAnswers.set(connectedAccountId, { at: Date.now(), offersTeams: settled });
    return settled;
  }
}
