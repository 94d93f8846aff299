import { Catch, HttpException, HttpStatus, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request } from 'express';
import { describeUserError } from './user-error.classifier.js';
import { PluginLogger } from './plugin-logger.js';

/**
 * The one place that decides how a failed request is logged, for HTTP routes and GraphQL resolvers alike: a caller's
 * mistake is answered as before and logged as one warn line without a stack (not being signed in, which every page
 * asks about first, only at debug); anything else keeps `error` with its
 * stack. Answers are unchanged: HTTP replies as Nest's own handler does, GraphQL errors are rethrown to the driver.
 * A host installs it globally (`APP_FILTER` or `app.useGlobalFilters`).
 */
@Catch()
export class ErrorLogPolicyFilter extends BaseExceptionFilter {
  private readonly logger = new PluginLogger('ExceptionsHandler');

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    const where = describeOperation(host);
    const userError = describeUserError(exception);
    if (userError) this.logger[userError.level](`${userError.code} ${where}: ${firstLine(userError.message)}`);
    else this.logUnexpected(exception, where);

    if (host.getType() !== 'http') throw exception;
    if (exception instanceof HttpException) return super.catch(exception, host);
    this.replyUnknown(exception, host);
    return undefined;
  }

  private logUnexpected(exception: unknown, where: string): void {
    if (exception instanceof Error) {
      // The message and the stack only: inspecting the whole error would print its own properties too (a failed
      // query's parameters, a response body), which may hold tokens or mail.
      this.logger.error(`${exception.name} ${where}: ${exception.message}`, exception.stack ?? '');
    } else {
      this.logger.error(`Non-error thrown ${where}: ${typeof exception}`);
    }
  }

  /** What Nest's own handler answers for an error that is not an HttpException (without its log line). */
  private replyUnknown(exception: unknown, host: ArgumentsHost): void {
    const applicationRef = this.applicationRef ?? this.httpAdapterHost?.httpAdapter;
    if (!applicationRef) throw exception;
    const response = host.getArgByIndex(1);
    const body = this.isHttpError(exception)
      ? { statusCode: exception.statusCode, message: this.getHttpErrorMessage(exception) }
      : { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error' };
    if (applicationRef.isHeadersSent(response)) applicationRef.end(response);
    else applicationRef.reply(response, body, body.statusCode);
  }
}

/** `GET /auth/microsoft-apis/get-access-token` or `graphql disconnectMicrosoftAccount`: the path, never the query string. */
function describeOperation(host: ArgumentsHost): string {
  const type = host.getType<string>();
  if (type === 'http') {
    const request = host.getArgByIndex<Request>(0);
    return `in ${request?.method ?? '?'} ${request?.path ?? '?'}`;
  }
  if (type === 'graphql') {
    const info = host.getArgByIndex<{ fieldName?: string; parentType?: { name?: string } } | undefined>(3);
    return `in graphql ${info?.parentType?.name ?? '?'}.${info?.fieldName ?? '?'}`;
  }
  return `in ${type}`;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!;
}
