import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import type { HostMemberContext, WorkspaceMemberRef } from '@m365/shared-types';
import { readSessionToken } from './session-cookie.js';
import { SessionTokenService } from './session-token.service.js';

/** The host's answer to "who is calling": a valid session whose member still exists. Provided as HOST_MEMBER_CONTEXT. */
@Injectable()
export class SessionMemberContextService implements HostMemberContext {
  constructor(
    private readonly tokens: SessionTokenService,
    private readonly dataSource: DataSource,
  ) {}

  async fromRequest(request: unknown): Promise<WorkspaceMemberRef | null> {
    const token = readSessionToken(request as Request);
    if (!token) return null;
    const member = await this.tokens.verify(token);
    if (!member) return null;
    const rows = await this.dataSource.query(
      `SELECT 1 FROM "workspaceMember" WHERE "id" = $1 AND "workspaceId" = $2 AND "deletedAt" IS NULL`,
      [member.workspaceMemberId, member.workspaceId],
    );
    return rows.length ? member : null;
  }
}
