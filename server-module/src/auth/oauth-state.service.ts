import { createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CryptoProvider } from '@azure/msal-node';
import { DataSource } from 'typeorm';
import { MicrosoftFeature, type WorkspaceMemberRef } from '@m365/shared-types';
import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../config/microsoft-plugin-config.token.js';
import { SecretCipher } from '../vault/secret-cipher.js';
import { updateReturning } from '../common/update-returning.util.js';
import { constantTimeEqual } from '../common/constant-time-equal.util.js';
import { OAuthStateErrorCode, OAuthStateException } from './oauth-state.exception.js';

export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

export const OAUTH_PURPOSES = ['connect', 'admin-consent', 'enable-feature'] as const;
export type OAuthPurpose = (typeof OAUTH_PURPOSES)[number];

/** What the callback that consumes a state accepts: the purposes it serves, and the member signed in there (if any). */
export interface ExpectedOAuthState {
  purposes?: readonly OAuthPurpose[];
  sessionMember?: WorkspaceMemberRef | null;
}

/** For 'enable-feature' and 'admin-consent': the account whose grant the flow extends, and the feature it asks for. */
export interface OAuthStateTarget {
  connectedAccountId: string;
  feature: MicrosoftFeature;
}

export interface IssuedOAuthState {
  state: string;
  nonce: string;
  codeChallenge: string;
  expiresAt: Date;
}

export interface ConsumedOAuthState extends WorkspaceMemberRef {
  purpose: OAuthPurpose;
  codeVerifier: string;
  redirectLocation: string | null;
  /** Set for 'enable-feature' and 'admin-consent'; carried in the signed state, so it cannot be swapped. */
  target: OAuthStateTarget | null;
}

/**
 * OAuth `state`: an HMAC-signed nonce, remembered server-side with the PKCE verifier, usable once, for ten minutes,
 * and only from the browser that started the flow (the nonce is also set as a cookie there).
 */
@Injectable()
export class OAuthStateService {
  private readonly pkce = new CryptoProvider();

  constructor(
    @Inject(MICROSOFT_PLUGIN_CONFIG) private readonly config: MicrosoftPluginConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SecretCipher) private readonly cipher: SecretCipher,
  ) {}

  async issue(member: WorkspaceMemberRef, purpose: OAuthPurpose, redirectLocation: string | null, target: OAuthStateTarget | null = null): Promise<IssuedOAuthState> {
    const nonce = randomBytes(32).toString('base64url');
    const { verifier, challenge } = await this.pkce.generatePkceCodes();
    const expiresAt = new Date(Date.now() + OAUTH_STATE_TTL_MS);
    await this.dataSource.query(
      `INSERT INTO "microsoftOAuthState" ("nonce", "workspaceId", "workspaceMemberId", "purpose", "sealedCodeVerifier", "redirectLocation", "expiresAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [nonce, member.workspaceId, member.workspaceMemberId, purpose, this.cipher.seal(verifier, `oauth-state:${nonce}`), redirectLocation, expiresAt],
    );
    const payload = Buffer.from(JSON.stringify({ n: nonce, p: purpose, ...(target ? { a: target.connectedAccountId, f: target.feature } : {}) })).toString('base64url');
    return { state: `${payload}.${this.sign(payload)}`, nonce, codeChallenge: challenge, expiresAt };
  }

  /**
   * Verifies and burns the state. Throws OAuthStateException for anything not issued here, reused, late, from another
   * browser, issued for another purpose than `purposes`, or — when the callback comes with a signed-in member — issued
   * to a different member than the one signed in.
   */
  async consume(state: string | undefined, browserNonce: string | undefined, expected: ExpectedOAuthState = {}): Promise<ConsumedOAuthState> {
    const { purposes = OAUTH_PURPOSES, sessionMember = null } = expected;
    if (!state) throw new OAuthStateException(OAuthStateErrorCode.MISSING);
    const [payload, signature, extra] = state.split('.');
    if (!payload || !signature || extra !== undefined) throw new OAuthStateException(OAuthStateErrorCode.MALFORMED);
    if (!constantTimeEqual(signature, this.sign(payload))) throw new OAuthStateException(OAuthStateErrorCode.FORGED);
    const { nonce, target } = parsePayload(payload);
    if (!browserNonce || !constantTimeEqual(browserNonce, nonce)) throw new OAuthStateException(OAuthStateErrorCode.OTHER_BROWSER);

    const [row] = await updateReturning<{ workspaceId: string; workspaceMemberId: string; purpose: OAuthPurpose; sealedCodeVerifier: string; redirectLocation: string | null; expiresAt: Date }>(
      this.dataSource.manager,
      `UPDATE "microsoftOAuthState" SET "consumedAt" = now() WHERE "nonce" = $1 AND "consumedAt" IS NULL
       RETURNING "workspaceId", "workspaceMemberId", "purpose", "sealedCodeVerifier", "redirectLocation", "expiresAt"`,
      [nonce],
    );
    if (!row) throw new OAuthStateException(OAuthStateErrorCode.REPLAYED);
    if (new Date(row.expiresAt).getTime() < Date.now()) throw new OAuthStateException(OAuthStateErrorCode.EXPIRED);
    // A connect names no account; enabling a feature and an administrator's consent each name the account they are for.
    if ((row.purpose !== 'connect') !== (target !== null)) throw new OAuthStateException(OAuthStateErrorCode.MALFORMED);
    if (!purposes.includes(row.purpose)) throw new OAuthStateException(OAuthStateErrorCode.WRONG_PURPOSE);
    if (sessionMember && (sessionMember.workspaceId !== row.workspaceId || sessionMember.workspaceMemberId !== row.workspaceMemberId)) {
      throw new OAuthStateException(OAuthStateErrorCode.OTHER_MEMBER);
    }
    return {
      workspaceId: row.workspaceId,
      workspaceMemberId: row.workspaceMemberId,
      purpose: row.purpose,
      codeVerifier: this.cipher.open(row.sealedCodeVerifier, `oauth-state:${nonce}`),
      redirectLocation: row.redirectLocation,
      target,
    };
  }

  /** States are worth nothing after expiry; keep a day of them for support, then drop them. */
  async purgeExpired(): Promise<number> {
    const rows = await updateReturning(this.dataSource.manager, `DELETE FROM "microsoftOAuthState" WHERE "expiresAt" < now() - interval '1 day' RETURNING "nonce"`, []);
    return rows.length;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.config.signingSecret).update(`oauth-state.${payload}`).digest('base64url');
  }
}

function parsePayload(payload: string): { nonce: string; target: OAuthStateTarget | null } {
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { n?: unknown; a?: unknown; f?: unknown };
    const target = typeof parsed.a === 'string' && Object.values(MicrosoftFeature).includes(parsed.f as MicrosoftFeature)
      ? { connectedAccountId: parsed.a, feature: parsed.f as MicrosoftFeature }
      : null;
    if (typeof parsed.n === 'string' && parsed.n.length > 0) return { nonce: parsed.n, target };
  } catch {
    // fall through
  }
  throw new OAuthStateException(OAuthStateErrorCode.MALFORMED);
}
