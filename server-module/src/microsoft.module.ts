import { Module, type DynamicModule } from '@nestjs/common';
import type { MicrosoftPluginConfig } from './config/microsoft-plugin-config.js';

export const MICROSOFT_PLUGIN_CONFIG = 'M365_PLUGIN_CONFIG';

/**
 * The plugin's server module. The host imports `MicrosoftModule.forRoot(config)` and provides, globally,
 * HOST_JOB_SYSTEM, HOST_MEMBER_CONTEXT (from @m365/shared-types) and a TypeORM `DataSource`.
 */
@Module({})
export class MicrosoftModule {
  static forRoot(config: MicrosoftPluginConfig): DynamicModule {
    return {
      module: MicrosoftModule,
      providers: [{ provide: MICROSOFT_PLUGIN_CONFIG, useValue: config }],
      exports: [MICROSOFT_PLUGIN_CONFIG],
    };
  }
}
