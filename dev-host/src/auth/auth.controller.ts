import { Body, Controller, HttpCode, Inject, Post, Res, UnauthorizedException } from '@nestjs/common';
import type { Response } from 'express';
import { AuthService, InvalidCredentialsError } from './auth.service.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import { SESSION_SETTINGS, type SessionSettings } from './session-settings.js';
import { WorkspaceMemberModel } from './workspace-member.model.js';

/** JSON sign-in for API clients: the token comes back in the body (for `Authorization: Bearer`) and as the cookie. */
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(SESSION_SETTINGS) private readonly settings: SessionSettings,
  ) {}

  @Post('sign-in')
  @HttpCode(200)
  async signIn(@Body() body: { email?: unknown; password?: unknown }, @Res({ passthrough: true }) res: Response) {
    if (typeof body?.email !== 'string' || typeof body?.password !== 'string') throw new UnauthorizedException('Invalid email or password');
    try {
      const { member, token } = await this.auth.signIn(body.email, body.password);
      setSessionCookie(res, token, this.settings.secureCookie);
      return { token, workspaceMember: WorkspaceMemberModel.from(member) };
    } catch (error) {
      if (error instanceof InvalidCredentialsError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }

  @Post('sign-out')
  @HttpCode(204)
  signOut(@Res({ passthrough: true }) res: Response): void {
    clearSessionCookie(res, this.settings.secureCookie);
  }
}
