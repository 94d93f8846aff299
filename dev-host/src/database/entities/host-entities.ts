import { CompanyEntity } from './company.entity.js';
import { PersonEntity } from './person.entity.js';
import { WorkspaceMemberEntity } from './workspace-member.entity.js';
import { WorkspaceEntity } from './workspace.entity.js';

export { CompanyEntity, PersonEntity, WorkspaceEntity, WorkspaceMemberEntity };
export const hostEntities: Function[] = [WorkspaceEntity, WorkspaceMemberEntity, CompanyEntity, PersonEntity];
