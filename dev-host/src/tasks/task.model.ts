import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum TaskStatus {
  TODO = 'TODO',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
}
registerEnumType(TaskStatus, { name: 'TaskStatus' });

export interface TaskRow {
  id: string;
  title: string | null;
  body: string | null;
  dueAt: Date | null;
  status: TaskStatus;
  assigneeId: string | null;
  personId: string | null;
  companyId: string | null;
  personName: string | null;
  companyName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Twenty's task: title, body, due date, status, assignee, and the record it is on. */
@ObjectType('Task')
export class TaskModel {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => String, { nullable: true }) body!: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) dueAt!: Date | null;
  @Field(() => TaskStatus) status!: TaskStatus;
  @Field(() => ID, { nullable: true }) assigneeId!: string | null;
  @Field(() => ID, { nullable: true }) personId!: string | null;
  @Field(() => ID, { nullable: true }) companyId!: string | null;
  @Field(() => String, { nullable: true, description: 'The name of the person the task is on' }) personName!: string | null;
  @Field(() => String, { nullable: true, description: 'The name of the company the task is on' }) companyName!: string | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;

  static from(row: TaskRow): TaskModel {
    return Object.assign(new TaskModel(), row);
  }
}

@ObjectType('TaskList')
export class TaskListModel {
  @Field(() => Int) totalCount!: number;
  @Field(() => [TaskModel]) tasks!: TaskModel[];
}

@InputType({ description: 'A new task, on a person or a company (or neither)' })
export class TaskInput {
  @Field() title!: string;
  @Field(() => String, { nullable: true }) body?: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) dueAt?: Date | null;
  @Field(() => TaskStatus, { nullable: true }) status?: TaskStatus | null;
  @Field(() => ID, { nullable: true }) personId?: string | null;
  @Field(() => ID, { nullable: true }) companyId?: string | null;
}

@InputType({ description: 'The fields to change; those left out stay as they are (dueAt: clearDueAt removes it)' })
export class TaskPatch {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) body?: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) dueAt?: Date | null;
  @Field(() => Boolean, { nullable: true }) clearDueAt?: boolean | null;
  @Field(() => TaskStatus, { nullable: true }) status?: TaskStatus | null;
}
