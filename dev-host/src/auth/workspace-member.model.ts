import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { WorkspaceMemberEntity } from '../database/entities/workspace-member.entity.js';
import { FullName } from '../records/full-name.model.js';

@ObjectType('WorkspaceMember')
export class WorkspaceMemberModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  workspaceId!: string;

  @Field(() => FullName)
  name!: FullName;

  @Field(() => String)
  userEmail!: string;

  @Field(() => String, { nullable: true })
  avatarUrl!: string | null;

  @Field(() => String)
  locale!: string;

  @Field(() => String)
  colorScheme!: string;

  static from(entity: WorkspaceMemberEntity): WorkspaceMemberModel {
    return {
      id: entity.id,
      workspaceId: entity.workspaceId,
      name: { firstName: entity.nameFirstName, lastName: entity.nameLastName },
      userEmail: entity.userEmail,
      avatarUrl: entity.avatarUrl,
      locale: entity.locale,
      colorScheme: entity.colorScheme,
    };
  }
}
