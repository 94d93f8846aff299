import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** Shares the host's already-migrated DataSource with every module, the plugin's included. */
@Global()
@Module({})
export class DatabaseModule {
  static forDataSource(dataSource: DataSource): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: EntityManager, useValue: dataSource.manager },
      ],
      exports: [DataSource, EntityManager],
    };
  }
}
