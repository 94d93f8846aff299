import { useCallback, useEffect } from 'react';
import { useRecoilState } from 'recoil';
import { graphql, onUnauthenticated } from '../api/graphql-client';
import { CURRENT_MEMBER_QUERY, SIGN_IN_MUTATION, SIGN_OUT_MUTATION } from '../api/host.documents';
import type { WorkspaceMember } from '../api/host.types';
import { currentMemberState } from './current-member.state';

export function useSession() {
  const [member, setMember] = useRecoilState(currentMemberState);

  useEffect(() => {
    if (member !== undefined) return;
    graphql<{ currentWorkspaceMember: WorkspaceMember }>(CURRENT_MEMBER_QUERY).then(
      (data) => setMember(data.currentWorkspaceMember),
      () => setMember(null),
    );
  }, [member, setMember]);

  useEffect(() => onUnauthenticated(() => setMember(null)), [setMember]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const data = await graphql<{ signIn: WorkspaceMember }>(SIGN_IN_MUTATION, { email, password });
      setMember(data.signIn);
    },
    [setMember],
  );

  const signOut = useCallback(async () => {
    await graphql(SIGN_OUT_MUTATION).catch(() => undefined);
    setMember(null);
  }, [setMember]);

  return { member, signIn, signOut };
}
