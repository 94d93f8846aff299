import { Inject, UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { WorkspaceMemberRef } from '@m365/shared-types';
import { AuthService, InvalidCredentialsError } from './auth.service.js';
import { CurrentMember } from './current-member.decorator.js';
import type { GraphqlContext } from './graphql-context.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import { SESSION_SETTINGS, type SessionSettings } from './session-settings.js';
import { SignedInGuard } from './signed-in.guard.js';
import { unauthenticatedError } from './unauthenticated.error.js';
import { WorkspaceMemberModel } from './workspace-member.model.js';

@Resolver(() => WorkspaceMemberModel)
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    @Inject(SESSION_SETTINGS) private readonly settings: SessionSettings,
  ) {}

  @Mutation(() => WorkspaceMemberModel)
  async signIn(
    @Args('email', { type: () => String }) email: string,
    @Args('password', { type: () => String }) password: string,
    @Context() { res }: GraphqlContext,
  ): Promise<WorkspaceMemberModel> {
    try {
      const { member, token } = await this.auth.signIn(email, password);
      setSessionCookie(res, token, this.settings.secureCookie);
      return WorkspaceMemberModel.from(member);
    } catch (error) {
      if (error instanceof InvalidCredentialsError) throw unauthenticatedError(error.message);
      throw error;
    }
  }

  @Mutation(() => Boolean)
  signOut(@Context() { res }: GraphqlContext): boolean {
    clearSessionCookie(res, this.settings.secureCookie);
    return true;
  }

  @Query(() => WorkspaceMemberModel)
  @UseGuards(SignedInGuard)
  async currentWorkspaceMember(@CurrentMember() ref: WorkspaceMemberRef): Promise<WorkspaceMemberModel> {
    const member = await this.auth.findMember(ref);
    if (!member) throw unauthenticatedError();
    return WorkspaceMemberModel.from(member);
  }
}
