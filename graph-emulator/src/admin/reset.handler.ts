import type { Request, Response } from 'express';
import type { EmulatorStore } from '../store/emulator-store.js';

/** `POST /_admin/reset`: back to the seed. */
export function resetHandler(store: EmulatorStore) {
  return (_req: Request, res: Response): void => {
    store.reset();
    res.status(204).end();
  };
}
