import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';

/**
 * What every HTTP answer of the plugin's own routes carries, whatever the host sets: none is a page, so the policy
 * allows nothing to load or run, nothing may frame it, its type is not sniffed and no referrer leaves with its
 * redirects (the OAuth callback's URL holds the authorization code).
 */
export const PLUGIN_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

export function setPluginSecurityHeaders(response: { setHeader(name: string, value: string): unknown }): void {
  for (const [name, value] of Object.entries(PLUGIN_SECURITY_HEADERS)) response.setHeader(name, value);
}

/** Sets PLUGIN_SECURITY_HEADERS before the route's handler writes its answer. */
@Injectable()
export class PluginSecurityHeadersInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') setPluginSecurityHeaders(context.switchToHttp().getResponse());
    return next.handle();
  }
}
