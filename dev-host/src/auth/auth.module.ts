import { Global, Module, type DynamicModule } from '@nestjs/common';
import { HOST_MEMBER_CONTEXT } from '@m365/shared-types';
import { AuthController } from './auth.controller.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { SessionMemberContextService } from './session-member-context.service.js';
import { SESSION_SETTINGS, type SessionSettings } from './session-settings.js';
import { SessionTokenService } from './session-token.service.js';
import { SignedInGuard } from './signed-in.guard.js';

/** Sessions for workspace members; exports HOST_MEMBER_CONTEXT to the plugin. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(settings: SessionSettings): DynamicModule {
    return {
      module: AuthModule,
      controllers: [AuthController],
      providers: [
        { provide: SESSION_SETTINGS, useValue: settings },
        SessionTokenService,
        AuthService,
        AuthResolver,
        SessionMemberContextService,
        { provide: HOST_MEMBER_CONTEXT, useExisting: SessionMemberContextService },
        SignedInGuard,
      ],
      exports: [HOST_MEMBER_CONTEXT, SessionTokenService, SignedInGuard],
    };
  }
}
