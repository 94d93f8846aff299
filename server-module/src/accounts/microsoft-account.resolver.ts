import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { HOST_MEMBER_CONTEXT, type HostMemberContext } from '@m365/shared-types';
import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../config/microsoft-plugin-config.token.js';
import { TransientTokenService } from '../auth/transient-token.service.js';
import { safeRedirectLocation } from '../auth/safe-redirect-location.util.js';
import { requireMember, type GraphqlRequestContext } from '../graphql/current-member.resolver-util.js';
import { MicrosoftAccountService } from './microsoft-account.service.js';
import { notFoundAsGraphqlError } from './not-found-as-graphql-error.util.js';
import {
  MicrosoftAccountObject,
  MicrosoftCalendarChannelSettingsInput,
  MicrosoftCalendarChannelType,
  MicrosoftConnectLinkType,
  MicrosoftMessageChannelSettingsInput,
  MicrosoftMessageChannelType,
} from './microsoft-account.graphql.js';

@Resolver(() => MicrosoftAccountObject)
export class MicrosoftAccountResolver {
  constructor(
    @Inject(MICROSOFT_PLUGIN_CONFIG) private readonly config: MicrosoftPluginConfig,
    @Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext,
    @Inject(MicrosoftAccountService) private readonly accounts: MicrosoftAccountService,
    @Inject(TransientTokenService) private readonly transientTokens: TransientTokenService,
  ) {}

  @Query(() => [MicrosoftAccountObject])
  async microsoftAccounts(@Context() context: GraphqlRequestContext): Promise<MicrosoftAccountObject[]> {
    return this.accounts.listForMember(await requireMember(this.members, context));
  }

  /** A URL the browser navigates to (not fetches) to start the consent flow; valid for a minute. */
  @Mutation(() => MicrosoftConnectLinkType)
  async createMicrosoftConnectLink(
    @Context() context: GraphqlRequestContext,
    @Args('redirectLocation', { type: () => String, nullable: true }) redirectLocation?: string,
  ): Promise<MicrosoftConnectLinkType> {
    const { token, expiresAt } = await this.transientTokens.issue(await requireMember(this.members, context));
    const url = new URL('/auth/microsoft-apis', this.config.publicUrl);
    url.searchParams.set('transientToken', token);
    const location = safeRedirectLocation(redirectLocation);
    if (location) url.searchParams.set('redirectLocation', location);
    return { url: url.toString(), expiresAt };
  }

  @Mutation(() => Boolean)
  async disconnectMicrosoftAccount(
    @Context() context: GraphqlRequestContext,
    @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string,
  ): Promise<boolean> {
    const member = await requireMember(this.members, context);
    await notFoundAsGraphqlError(() => this.accounts.disconnect(member, connectedAccountId));
    return true;
  }

  @Mutation(() => MicrosoftMessageChannelType)
  async updateMicrosoftMessageChannelSettings(
    @Context() context: GraphqlRequestContext,
    @Args('messageChannelId', { type: () => ID }) messageChannelId: string,
    @Args('input') input: MicrosoftMessageChannelSettingsInput,
  ): Promise<MicrosoftMessageChannelType> {
    const member = await requireMember(this.members, context);
    return notFoundAsGraphqlError(() => this.accounts.updateMessageChannel(member, messageChannelId, { ...input }));
  }

  @Mutation(() => MicrosoftCalendarChannelType)
  async updateMicrosoftCalendarChannelSettings(
    @Context() context: GraphqlRequestContext,
    @Args('calendarChannelId', { type: () => ID }) calendarChannelId: string,
    @Args('input') input: MicrosoftCalendarChannelSettingsInput,
  ): Promise<MicrosoftCalendarChannelType> {
    const member = await requireMember(this.members, context);
    return notFoundAsGraphqlError(() => this.accounts.updateCalendarChannel(member, calendarChannelId, { ...input }));
  }
}
