import { Column, Entity } from 'typeorm';
import { WorkspaceRecordBase } from './workspace-record.base.js';

@Entity({ name: 'person' })
export class PersonEntity extends WorkspaceRecordBase {
  @Column({ type: 'text' })
  nameFirstName!: string;

  @Column({ type: 'text' })
  nameLastName!: string;

  @Column({ type: 'text', nullable: true })
  emailsPrimaryEmail!: string | null;

  @Column({ type: 'text', array: true })
  emailsAdditionalEmails!: string[];

  @Column({ type: 'text', nullable: true })
  jobTitle!: string | null;

  @Column({ type: 'text', nullable: true })
  city!: string | null;

  @Column({ type: 'text', nullable: true })
  avatarUrl!: string | null;

  @Column({ type: 'text', nullable: true })
  phonesPrimaryPhoneNumber!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  phonesAdditionalPhones!: Array<{ number: string }>;

  @Column({ type: 'uuid', nullable: true })
  companyId!: string | null;
}
