import type { Request, Response } from 'express';
import type { WorkspaceMemberRef } from '@m365/shared-types';

export interface GraphqlContext {
  req: Request & { member?: WorkspaceMemberRef };
  res: Response;
}
