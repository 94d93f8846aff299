import type { Request, Response } from 'express';
import type { EmulatorStore } from '../store/emulator-store.js';
import { issuedTokenJson } from './admin-serializers.js';

/** `GET /_admin/tokens?user=&client=&kind=`: the issued-token log (never the tokens themselves). */
export function listTokensHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    const { user, client, kind } = req.query;
    const userId = typeof user === 'string' ? (store.findUser(user)?.id ?? user) : undefined;
    const entries = store
      .listIssuedTokens()
      .filter((entry) => !userId || entry.userId === userId)
      .filter((entry) => typeof client !== 'string' || entry.clientId === client.toLowerCase())
      .filter((entry) => typeof kind !== 'string' || entry.kind === kind);
    res.json({ value: entries.map(issuedTokenJson) });
  };
}
