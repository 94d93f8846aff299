import { Module } from '@nestjs/common';
import { TasksResolver } from './tasks.resolver.js';
import { TasksService } from './tasks.service.js';

@Module({ providers: [TasksService, TasksResolver] })
export class TasksModule {}
