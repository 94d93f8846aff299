import { Column, Entity } from 'typeorm';
import { WorkspaceRecordBase } from './workspace-record.base.js';

@Entity({ name: 'workspaceMember' })
export class WorkspaceMemberEntity extends WorkspaceRecordBase {
  @Column({ type: 'text' })
  nameFirstName!: string;

  @Column({ type: 'text' })
  nameLastName!: string;

  @Column({ type: 'text' })
  userEmail!: string;

  @Column({ type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ type: 'text', nullable: true })
  avatarUrl!: string | null;

  @Column({ type: 'text' })
  locale!: string;

  @Column({ type: 'text' })
  colorScheme!: string;
}
