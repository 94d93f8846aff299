import type { Request, Response } from 'express';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { EmulatorConfig } from '../store/emulator-records.js';

/** `GET /_admin/config` */
export function getConfigHandler(store: EmulatorStore) {
  return (_req: Request, res: Response): void => {
    res.json(store.getConfig());
  };
}

/** `PUT /_admin/config` `{accessTokenLifetimeSeconds?, refreshTokenLifetimeSeconds?, …}` (a partial update). */
export function updateConfigHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    res.json(store.updateConfig((req.body ?? {}) as Partial<EmulatorConfig>));
  };
}
