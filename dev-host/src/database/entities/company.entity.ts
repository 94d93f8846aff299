import { Column, Entity } from 'typeorm';
import { WorkspaceRecordBase } from './workspace-record.base.js';

@Entity({ name: 'company' })
export class CompanyEntity extends WorkspaceRecordBase {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  domainName!: string | null;
}
