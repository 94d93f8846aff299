import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('MicrosoftTodoList', { description: 'A Microsoft To Do list of the account' })
export class MicrosoftTodoListType {
  @Field(() => ID) id!: string;
  @Field() displayName!: string;
  @Field({ description: 'The built-in "Tasks" list, where a task goes when no list is chosen' }) isDefault!: boolean;
}

@ObjectType('MicrosoftTodoAccountOption', { description: 'One of the member\'s Microsoft accounts, and whether it can sync tasks to To Do' })
export class MicrosoftTodoAccountOptionType {
  @Field(() => ID) connectedAccountId!: string;
  @Field() handle!: string;
  @Field() granted!: boolean;
  @Field(() => String, { nullable: true, description: 'Why not: the scope the account has not granted' }) reason!: string | null;
}

@ObjectType('MicrosoftTodoTaskSync', { description: "A CRM task's sync to Microsoft To Do" })
export class MicrosoftTodoTaskSyncType {
  @Field(() => ID) taskId!: string;
  @Field() synced!: boolean;
  @Field({ description: 'Synced through another member\'s account (only they can turn it off)' }) syncedByAnotherMember!: boolean;
  @Field(() => ID, { nullable: true }) connectedAccountId!: string | null;
  @Field(() => String, { nullable: true }) listId!: string | null;
  @Field(() => String, { nullable: true }) listName!: string | null;
  @Field(() => String, { nullable: true }) todoTaskId!: string | null;
  @Field(() => String, { nullable: true, description: 'CREATING, LINKED or REMOVING' }) state!: string | null;
  @Field({ description: 'A CRM change is on its way to To Do' }) pendingWrite!: boolean;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) listSyncedAt!: Date | null;
  @Field(() => [MicrosoftTodoAccountOptionType], { description: "The member's Microsoft accounts to sync it with" }) accounts!: MicrosoftTodoAccountOptionType[];
}
