import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { DataSource } from 'typeorm';
import { ErrorLogPolicyFilter, MicrosoftModule, type MicrosoftPluginConfig } from '@m365/server-module';
import { AuthModule } from './auth/auth.module.js';
import { CalendarSectionModule } from './calendar-section/calendar-section.module.js';
import type { SessionSettings } from './auth/session-settings.js';
import { DatabaseModule } from './database/database.module.js';
import type { ClosableJobSystem } from './jobs/closable-job-system.js';
import { JobSystemModule } from './jobs/job-system.module.js';
import { RecordsModule } from './records/records.module.js';
import { TimelineModule } from './timeline/timeline.module.js';
import { CalendarWritesModule } from './calendar-writes/calendar-writes.module.js';
import { PeopleWritesModule } from './people-writes/people-writes.module.js';
import { TasksModule } from './tasks/tasks.module.js';

export interface AppModuleDependencies {
  dataSource: DataSource;
  jobs: ClosableJobSystem;
  session: SessionSettings;
  microsoft: MicrosoftPluginConfig;
}

@Module({})
export class AppModule {
  static forRoot(deps: AppModuleDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forDataSource(deps.dataSource),
        JobSystemModule.forJobSystem(deps.jobs),
        AuthModule.forRoot(deps.session),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          playground: false,
          includeStacktraceInErrorResponses: false,
          context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
        }),
        RecordsModule,
        TimelineModule,
        CalendarWritesModule,
        PeopleWritesModule,
        TasksModule,
        CalendarSectionModule,
        MicrosoftModule.forRoot(deps.microsoft),
      ],
      // The plugin's log policy for every route and resolver of the host: caller mistakes warn, bugs log their stack.
      providers: [{ provide: APP_FILTER, useClass: ErrorLogPolicyFilter }],
    };
  }
}
