import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { WorkspaceMemberRef } from '@m365/shared-types';
import { CurrentMember } from '../auth/current-member.decorator.js';
import { SignedInGuard } from '../auth/signed-in.guard.js';
import { TaskInput, TaskListModel, TaskModel, TaskPatch } from './task.model.js';
import { TasksService } from './tasks.service.js';

@Resolver(() => TaskModel)
@UseGuards(SignedInGuard)
export class TasksResolver {
  constructor(private readonly service: TasksService) {}

  @Query(() => TaskListModel, { description: "The workspace's tasks, or those on one person or company" })
  async tasks(
    @CurrentMember() member: WorkspaceMemberRef,
    @Args('personId', { type: () => ID, nullable: true }) personId: string | null,
    @Args('companyId', { type: () => ID, nullable: true }) companyId: string | null,
  ): Promise<TaskListModel> {
    const rows = await this.service.list(member.workspaceId, { personId, companyId });
    return { totalCount: rows.length, tasks: rows.map(TaskModel.from) };
  }

  @Query(() => TaskModel, { nullable: true })
  async task(@CurrentMember() member: WorkspaceMemberRef, @Args('id', { type: () => ID }) id: string): Promise<TaskModel | null> {
    const row = await this.service.find(member.workspaceId, id);
    return row && TaskModel.from(row);
  }

  @Mutation(() => TaskModel)
  async createTask(@CurrentMember() member: WorkspaceMemberRef, @Args('input', { type: () => TaskInput }) input: TaskInput): Promise<TaskModel> {
    const id = await this.service.create(member, input);
    return TaskModel.from((await this.service.find(member.workspaceId, id))!);
  }

  @Mutation(() => TaskModel)
  async updateTask(@CurrentMember() member: WorkspaceMemberRef, @Args('id', { type: () => ID }) id: string, @Args('patch', { type: () => TaskPatch }) patch: TaskPatch): Promise<TaskModel> {
    await this.service.update(member, id, patch);
    return TaskModel.from((await this.service.find(member.workspaceId, id))!);
  }

  @Mutation(() => Boolean)
  async deleteTask(@CurrentMember() member: WorkspaceMemberRef, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.service.remove(member, id);
    return true;
  }
}
