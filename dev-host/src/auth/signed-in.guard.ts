import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { HOST_MEMBER_CONTEXT, type HostMemberContext } from '@m365/shared-types';
import type { GraphqlContext } from './graphql-context.js';
import { unauthenticatedError } from './unauthenticated.error.js';

/** Lets a GraphQL operation through only with a valid session, and puts the member on the request. */
@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(@Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { req } = GqlExecutionContext.create(context).getContext<GraphqlContext>();
    const member = await this.members.fromRequest(req);
    if (!member) throw unauthenticatedError();
    req.member = member;
    return true;
  }
}
