import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify } from 'jose';
import type { WorkspaceMemberRef } from '@m365/shared-types';
import { SESSION_SETTINGS, SESSION_TTL_SECONDS, type SessionSettings } from './session-settings.js';

const ISSUER = 'm365-dev-host';
const AUDIENCE = 'm365-dev-host:session';

@Injectable()
export class SessionTokenService {
  constructor(@Inject(SESSION_SETTINGS) private readonly settings: SessionSettings) {}

  sign(member: WorkspaceMemberRef): Promise<string> {
    return new SignJWT({ wid: member.workspaceId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(member.workspaceMemberId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${SESSION_TTL_SECONDS}s`)
      .sign(this.settings.key);
  }

  /** The member a token names, or null when it is malformed, forged or expired. */
  async verify(token: string): Promise<WorkspaceMemberRef | null> {
    try {
      const { payload } = await jwtVerify(token, this.settings.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.wid !== 'string') return null;
      return { workspaceId: payload.wid, workspaceMemberId: payload.sub };
    } catch {
      return null;
    }
  }
}
