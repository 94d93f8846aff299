import { GraphQLError } from 'graphql';
import type { HostMemberContext, WorkspaceMemberRef } from '@m365/shared-types';

export interface GraphqlRequestContext {
  req: unknown;
}

/** Every plugin query and mutation acts for the signed-in member of one workspace, or not at all. */
export async function requireMember(members: HostMemberContext, context: GraphqlRequestContext): Promise<WorkspaceMemberRef> {
  const member = await members.fromRequest(context.req);
  if (!member) throw new GraphQLError('You must be signed in.', { extensions: { code: 'UNAUTHENTICATED' } });
  return member;
}
