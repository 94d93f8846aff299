import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { Request, Response } from 'express';
import { BookingErrorCode, BookingException } from '../booking.exception.js';
import { BookingManageService } from '../booking-manage.service.js';
import { BookingRateLimiter } from './booking-rate-limiter.js';
import { BOOKING_ERROR_STATUS as STATUS, answerError, clientOf, securityHeaders } from './booking-public.controller.js';
import { manageHtml, manageResultHtml, messageHtml } from './booking-manage.html.js';


/** `GET|POST /book/manage/:token`: a guest's signed cancel or reschedule link (no sign-in). */
@Controller('book/manage')
export class BookingManageController {
  constructor(
    @Inject(BookingManageService) private readonly manage: BookingManageService,
    @Inject(BookingRateLimiter) private readonly limiter: BookingRateLimiter,
  ) {}

  @Get(':token')
  async page(@Req() request: Request, @Res() response: Response, @Param('token') token: string, @Query('from') from?: string): Promise<void> {
    securityHeaders(response);
    response.setHeader('cache-control', 'no-store');
    try {
      if (!(await this.limiter.allow('read', clientOf(request), 'manage'))) return void response.status(429).type('text/html').send(messageHtml('Too many requests: wait a minute and try again.'));
      const managed = await this.manage.open(token);
      const first = typeof from === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(from) ? DateTime.fromISO(from, { zone: managed.booking.guestTimeZone }) : null;
      const start = first?.isValid ? first.toJSDate() : null;
      const slots = managed.purpose === 'reschedule' ? await this.manage.rescheduleSlots(managed, start) : [];
      response.type('text/html').send(manageHtml(managed, `/book/manage/${token}`, slots, start ?? new Date()));
    } catch (error) {
      if (error instanceof BookingException) return void response.status(STATUS[error.code] ?? 400).type('text/html').send(messageHtml(error.message));
      answerError(response, error);
    }
  }

  @Post(':token')
  async act(@Req() request: Request, @Res() response: Response, @Param('token') token: string, @Body() body: unknown): Promise<void> {
    securityHeaders(response);
    response.setHeader('cache-control', 'no-store');
    const fields = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const wantsHtml = request.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded';
    try {
      if (!(await this.limiter.allow('book', clientOf(request), 'manage'))) throw new BookingException(BookingErrorCode.RATE_LIMITED, 'Too many requests: wait a minute and try again.');
      const answer = fields.action === 'cancel' ? await this.manage.cancel(token) : fields.action === 'reschedule' ? await this.manage.reschedule(token, fields.start) : null;
      if (!answer) return void response.status(400).json({ code: 'BAD_USER_INPUT', message: 'Action: cancel or reschedule.' });
      if (wantsHtml) return void response.status(200).type('text/html').send(manageResultHtml(answer));
      response.status(200).json(answer);
    } catch (error) {
      if (wantsHtml && error instanceof BookingException) return void response.status(STATUS[error.code] ?? 400).type('text/html').send(messageHtml(error.message));
      answerError(response, error);
    }
  }
}
