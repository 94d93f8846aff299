import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify } from 'jose';
import type { WorkspaceMemberRef } from '@m365/shared-types';
import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../config/microsoft-plugin-config.token.js';

const AUDIENCE = 'm365-connect';
export const TRANSIENT_TOKEN_TTL_SECONDS = 60;

/**
 * A short-lived token that lets a browser navigation to `/auth/microsoft-apis` act for the member who asked for it,
 * as Twenty's transient tokens do; it is worth nothing for any other route.
 */
@Injectable()
export class TransientTokenService {
  constructor(@Inject(MICROSOFT_PLUGIN_CONFIG) private readonly config: MicrosoftPluginConfig) {}

  async issue(member: WorkspaceMemberRef): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + TRANSIENT_TOKEN_TTL_SECONDS * 1000);
    const token = await new SignJWT({ wid: member.workspaceId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(member.workspaceMemberId)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.config.signingSecret);
    return { token, expiresAt };
  }

  async verify(token: string): Promise<WorkspaceMemberRef | null> {
    try {
      const { payload } = await jwtVerify(token, this.config.signingSecret, { audience: AUDIENCE, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.wid !== 'string') return null;
      return { workspaceId: payload.wid, workspaceMemberId: payload.sub };
    } catch {
      return null;
    }
  }
}
