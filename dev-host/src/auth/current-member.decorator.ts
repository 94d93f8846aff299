import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { WorkspaceMemberRef } from '@m365/shared-types';
import type { GraphqlContext } from './graphql-context.js';
import { unauthenticatedError } from './unauthenticated.error.js';

/** The signed-in member that SignedInGuard put on the request. */
export const CurrentMember = createParamDecorator((_data: unknown, context: ExecutionContext): WorkspaceMemberRef => {
  const member = GqlExecutionContext.create(context).getContext<GraphqlContext>().req.member;
  if (!member) throw unauthenticatedError();
  return member;
});
