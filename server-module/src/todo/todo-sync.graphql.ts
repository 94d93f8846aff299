import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum TodoListSyncStatus {
  /** Its first pass has not run yet. */
  NOT_SYNCED = 'NOT_SYNCED',
  SYNCED = 'SYNCED',
  /** Its last pass failed (`lastErrorMessage` says why); the next periodic pass tries again. */
  FAILED = 'FAILED',
}
registerEnumType(TodoListSyncStatus, { name: 'MicrosoftTodoListSyncStatus' });

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

@ObjectType('MicrosoftTodoSyncedList', { description: 'A To Do list of the account that holds synced CRM tasks, and how its sync goes' })
export class MicrosoftTodoSyncedListType {
  @Field(() => ID, { description: 'The sync log channel id of the list (microsoftSyncRuns with channelKind TODO)' }) id!: string;
  @Field() displayName!: string;
  @Field(() => Int, { description: 'CRM tasks synced to this list' }) syncedTaskCount!: number;
  @Field(() => GraphQLISODateTime, { nullable: true }) syncedAt!: Date | null;
  @Field(() => TodoListSyncStatus) syncStatus!: TodoListSyncStatus;
  @Field(() => String, { nullable: true }) lastErrorMessage!: string | null;
}
