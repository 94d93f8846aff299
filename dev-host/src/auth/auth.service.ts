import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { WorkspaceMemberRef } from '@m365/shared-types';
import { WorkspaceMemberEntity } from '../database/entities/workspace-member.entity.js';
import { verifyPassword } from './password-hasher.js';
import { SessionTokenService } from './session-token.service.js';

export const INVALID_CREDENTIALS_MESSAGE = 'Invalid email or password';

export class InvalidCredentialsError extends Error {
  constructor() {
    super(INVALID_CREDENTIALS_MESSAGE);
  }
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: SessionTokenService,
  ) {}

  /** Checks the password and returns the member with a fresh session token. Unknown email and wrong password fail alike. */
  async signIn(email: string, password: string): Promise<{ member: WorkspaceMemberEntity; token: string }> {
    const member = await this.dataSource
      .getRepository(WorkspaceMemberEntity)
      .createQueryBuilder('member')
      .addSelect('member.passwordHash')
      .where('lower(member.userEmail) = lower(:email)', { email: email.trim() })
      .orderBy('member.createdAt', 'ASC')
      .getOne();
    const valid = await verifyPassword(password, member?.passwordHash ?? null);
    if (!member || !valid) throw new InvalidCredentialsError();
    const token = await this.tokens.sign({ workspaceId: member.workspaceId, workspaceMemberId: member.id });
    member.passwordHash = null;
    return { member, token };
  }

  findMember(ref: WorkspaceMemberRef): Promise<WorkspaceMemberEntity | null> {
    return this.dataSource.getRepository(WorkspaceMemberEntity).findOneBy({ id: ref.workspaceMemberId, workspaceId: ref.workspaceId });
  }
}
