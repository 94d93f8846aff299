import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SecretCipher } from './secret-cipher.js';

export enum SecretKind {
  MSAL_TOKEN_CACHE = 'msal-token-cache',
  SUBSCRIPTION_CLIENT_STATE = 'subscription-client-state',
}

/**
 * Secrets sealed outside `microsoftSecret`, in a column of their own row: the table, the row's key column, the sealed
 * column, and the additional data each was sealed with (built from the key). Rotation re-seals these too.
 */
const SEALED_COLUMNS = [
  { table: 'microsoftOAuthState', key: 'nonce', column: 'sealedCodeVerifier', context: (key: string) => `oauth-state:${key}` },
] as const;

/** Encrypted secrets at rest, one per (kind, owner), in the plugin's `microsoftSecret` table. */
@Injectable()
export class SecretVaultService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SecretCipher) private readonly cipher: SecretCipher,
  ) {}

  async put(kind: SecretKind, ownerId: string, workspaceId: string, plaintext: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const sealed = this.cipher.seal(plaintext, `${kind}:${ownerId}`);
    await manager.query(
      `INSERT INTO "microsoftSecret" ("workspaceId", "kind", "ownerId", "keyId", "sealed")
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ("kind", "ownerId") DO UPDATE SET "sealed" = EXCLUDED."sealed", "keyId" = EXCLUDED."keyId", "updatedAt" = now()`,
      [workspaceId, kind, ownerId, this.cipher.keyIdOf(sealed), sealed],
    );
  }

  async get(kind: SecretKind, ownerId: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const rows: Array<{ sealed: string }> = await manager.query(
      `SELECT "sealed" FROM "microsoftSecret" WHERE "kind" = $1 AND "ownerId" = $2`,
      [kind, ownerId],
    );
    return rows[0] ? this.cipher.open(rows[0].sealed, `${kind}:${ownerId}`) : null;
  }

  async delete(kind: SecretKind, ownerId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`DELETE FROM "microsoftSecret" WHERE "kind" = $1 AND "ownerId" = $2`, [kind, ownerId]);
  }

  async hasSecretsUnderOtherKeys(): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM "microsoftSecret" WHERE "keyId" <> $1 LIMIT 1`, [this.cipher.activeKeyId]);
    if (rows.length > 0) return true;
    for (const sealed of SEALED_COLUMNS) {
      const others = await this.dataSource.query(`SELECT 1 FROM "${sealed.table}" WHERE split_part("${sealed.column}", '.', 2) <> $1 LIMIT 1`, [this.cipher.activeKeyId]);
      if (others.length > 0) return true;
    }
    return false;
  }

  /**
   * Re-seals every secret not under the active key — the vault's and the sealed columns' (PKCE verifiers) — and
   * returns how many moved. Run after adding a new active key; the old keys must stay configured until it is done.
   */
  async rotateToActiveKey(batchSize = 500): Promise<number> {
    return (await this.rotateVault(batchSize)) + (await this.rotateSealedColumns(batchSize));
  }

  private async rotateSealedColumns(batchSize: number): Promise<number> {
    let moved = 0;
    for (const sealed of SEALED_COLUMNS) {
      for (;;) {
        const rows: Array<{ key: string; sealed: string }> = await this.dataSource.query(
          `SELECT "${sealed.key}" AS "key", "${sealed.column}" AS "sealed" FROM "${sealed.table}" WHERE split_part("${sealed.column}", '.', 2) <> $1 LIMIT $2`,
          [this.cipher.activeKeyId, batchSize],
        );
        if (rows.length === 0) break;
        for (const row of rows) {
          const context = sealed.context(row.key);
          await this.dataSource.query(
            `UPDATE "${sealed.table}" SET "${sealed.column}" = $1 WHERE "${sealed.key}" = $2 AND "${sealed.column}" = $3`,
            [this.cipher.seal(this.cipher.open(row.sealed, context), context), row.key, row.sealed],
          );
          moved += 1;
        }
      }
    }
    return moved;
  }

  private async rotateVault(batchSize: number): Promise<number> {
    let moved = 0;
    for (;;) {
      const rows: Array<{ id: string; kind: string; ownerId: string; sealed: string }> = await this.dataSource.query(
        `SELECT "id", "kind", "ownerId", "sealed" FROM "microsoftSecret" WHERE "keyId" <> $1 LIMIT $2`,
        [this.cipher.activeKeyId, batchSize],
      );
      if (rows.length === 0) return moved;
      for (const row of rows) {
        const context = `${row.kind}:${row.ownerId}`;
        const sealed = this.cipher.seal(this.cipher.open(row.sealed, context), context);
        await this.dataSource.query(
          `UPDATE "microsoftSecret" SET "sealed" = $1, "keyId" = $2, "updatedAt" = now() WHERE "id" = $3 AND "sealed" = $4`,
          [sealed, this.cipher.activeKeyId, row.id, row.sealed],
        );
        moved += 1;
      }
    }
  }
}
