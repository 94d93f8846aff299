import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SecretCipher } from './secret-cipher.js';

export enum SecretKind {
  MSAL_TOKEN_CACHE = 'msal-token-cache',
  SUBSCRIPTION_CLIENT_STATE = 'subscription-client-state',
}

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
    return rows.length > 0;
  }

  /** Re-seals every secret not under the active key; returns how many moved. Run after adding a new active key. */
  async rotateToActiveKey(batchSize = 500): Promise<number> {
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
