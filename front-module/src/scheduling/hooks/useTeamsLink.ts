import { useState } from 'react';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { CREATE_TEAMS_LINK_MUTATION } from '../scheduling.documents';
import type { TeamsLink } from '../scheduling.types';

/** Creates a standalone Teams meeting for the account; its link, or the error in words. */
export function useTeamsLink(host: FrontHost) {
  const [link, setLink] = useState<TeamsLink | null>(null);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const create = async (connectedAccountId: string, subject?: string): Promise<TeamsLink | null> => {
    setCreating(true);
    setError(null);
    try {
      const data = await host.graphql<{ createMicrosoftTeamsLink: TeamsLink }>(CREATE_TEAMS_LINK_MUTATION, { connectedAccountId, subject: subject ?? null });
      setLink(data.createMicrosoftTeamsLink);
      return data.createMicrosoftTeamsLink;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      return null;
    } finally {
      setCreating(false);
    }
  };
  return { link, creating, error, create };
}
