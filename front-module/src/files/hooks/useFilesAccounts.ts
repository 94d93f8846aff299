import { useCallback, useEffect, useState } from 'react';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { FILES_ACCOUNTS_QUERY } from '../files.documents';
import type { FilesAccount } from '../files.types';

/** The member's Microsoft accounts with what of OneDrive and SharePoint each may use. */
export function useFilesAccounts(host: FrontHost): { accounts: FilesAccount[] | null; error: string | null; reload(): void } {
  const [accounts, setAccounts] = useState<FilesAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    host
      .graphql<{ microsoftAccounts: FilesAccount[] }>(FILES_ACCOUNTS_QUERY)
      .then((data) => {
        setAccounts(data.microsoftAccounts.filter((account) => !account.disconnecting));
        setError(null);
      })
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  }, [host]);
  useEffect(reload, [reload]);
  return { accounts, error, reload };
}
