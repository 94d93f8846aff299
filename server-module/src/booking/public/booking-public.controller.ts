import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DateTime } from 'luxon';
import { MicrosoftGraphException } from '../../graph/microsoft-graph.exception.js';
import { BookingAvailabilityService } from '../booking-availability.service.js';
import { BookingErrorCode, BookingException, badInput } from '../booking.exception.js';
import { BookingService } from '../booking.service.js';
import { isZoneName } from '../time-zone-name.util.js';
import { BOOKING_PAGE_CSS, BOOKING_PAGE_JS } from './booking-page.assets.js';
import { bookingPageHtml } from './booking-page.html.js';
import { BookingRateLimiter, clientKeyOf } from './booking-rate-limiter.js';

const DAY = 86_400_000;
const DAYS_PER_ANSWER = 7;
export const BOOKING_ERROR_STATUS: Record<BookingErrorCode, number> = {
  [BookingErrorCode.BAD_USER_INPUT]: 400,
  [BookingErrorCode.NOT_FOUND]: 404,
  [BookingErrorCode.SLOT_TAKEN]: 409,
  [BookingErrorCode.RATE_LIMITED]: 429,
  [BookingErrorCode.GONE]: 410,
  [BookingErrorCode.UNAVAILABLE]: 503,
};

/** The headers every public answer carries: no inline script, no framing, no sniffing, no referrer (links hold tokens). */
export function securityHeaders(response: Response): void {
  response.setHeader(
    'content-security-policy',
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  );
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('x-frame-options', 'DENY');
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('cross-origin-resource-policy', 'same-origin');
}

export const clientOf = (request: Request) => clientKeyOf(request.ip ?? request.socket.remoteAddress ?? 'unknown');

export function answerError(response: Response, error: unknown): void {
  if (response.headersSent) return;
  if (error instanceof BookingException) return void response.status(BOOKING_ERROR_STATUS[error.code]).json({ code: error.code, message: error.message });
  if (error instanceof MicrosoftGraphException) return void response.status(503).json({ code: 'UNAVAILABLE', message: 'Outlook did not answer: try again in a moment.' });
  throw error;
}

/**
 * The public booking page (no sign-in): the page, its free slots in the guest's zone and the booking itself. Each
 * answer says nothing of the member beyond what the page publishes and the free times of its calendars.
 */
@Controller('book')
export class BookingPublicController {
  constructor(
    @Inject(BookingService) private readonly booking: BookingService,
    @Inject(BookingAvailabilityService) private readonly availability: BookingAvailabilityService,
    @Inject(BookingRateLimiter) private readonly limiter: BookingRateLimiter,
  ) {}

  @Get('static/booking-page.js')
  script(@Res() response: Response): void {
    securityHeaders(response);
    response.setHeader('cache-control', 'public, max-age=300');
    response.type('application/javascript').send(BOOKING_PAGE_JS);
  }

  @Get('static/booking-page.css')
  stylesheet(@Res() response: Response): void {
    securityHeaders(response);
    response.setHeader('cache-control', 'public, max-age=300');
    response.type('text/css').send(BOOKING_PAGE_CSS);
  }

  @Get(':slug')
  async page(@Req() request: Request, @Res() response: Response, @Param('slug') slug: string): Promise<void> {
    securityHeaders(response);
    try {
      await this.limit('read', request, slug);
      const page = await this.booking.publicPage(slug);
      const location = await this.booking.locationText(page);
      response.setHeader('cache-control', 'no-store');
      response.type('text/html').send(bookingPageHtml(page, location.text));
    } catch (error) {
      if (error instanceof BookingException && error.code === BookingErrorCode.NOT_FOUND) return void response.status(404).type('text/plain').send('No such booking page.');
      answerError(response, error);
    }
  }

  @Get(':slug/slots')
  async slots(
    @Req() request: Request,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Query('duration') duration?: string,
    @Query('timeZone') timeZone?: string,
    @Query('from') from?: string,
  ): Promise<void> {
    securityHeaders(response);
    response.setHeader('cache-control', 'no-store');
    try {
      await this.limit('read', request, slug);
      const page = await this.booking.publicPage(slug);
      const minutes = Number(duration ?? page.durationsMinutes[0]);
      if (!page.durationsMinutes.includes(minutes)) throw badInput(`Duration: one of ${page.durationsMinutes.join(', ')} minutes.`);
      const zone = timeZone ?? page.timeZone;
      if (!isZoneName(zone)) throw badInput('Time zone: not a time zone name (e.g. Europe/Paris).');
      const today = DateTime.now().setZone(zone).startOf('day');
      const first = from === undefined ? today : DateTime.fromISO(typeof from === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(from) ? from : 'invalid', { zone });
      if (!first.isValid) throw badInput('From: a date as YYYY-MM-DD.');
      const lastDay = today.plus({ days: page.horizonDays + 1 });
      if (first < today.minus({ days: 1 }) || first > lastDay) throw badInput('From: outside the days this page offers.');
      const until = first.plus({ days: DAYS_PER_ANSWER });
      const starts = await this.availability.slots(page, minutes, first.toJSDate(), until.toJSDate());
      const days = Array.from({ length: DAYS_PER_ANSWER }, (_, index) => first.plus({ days: index }));
      const byDay = new Map(days.map((day) => [day.toISODate()!, [] as Array<{ start: string; label: string }>]));
      for (const start of starts) {
        const local = DateTime.fromJSDate(start, { zone });
        byDay.get(local.toISODate()!)?.push({ start: start.toISOString(), label: local.toFormat('HH:mm') });
      }
      response.json({
        timeZone: zone,
        duration: minutes,
        from: first.toISODate(),
        previousFrom: first > today ? DateTime.max(today, first.minus({ days: DAYS_PER_ANSWER })).toISODate() : null,
        nextFrom: until.toMillis() < Date.now() + page.horizonDays * DAY ? until.toISODate() : null,
        days: days.map((day) => ({ date: day.toISODate(), label: day.setLocale('en-GB').toFormat('cccc d LLLL'), slots: byDay.get(day.toISODate()!)! })),
      });
    } catch (error) {
      answerError(response, error);
    }
  }

  @Post(':slug')
  async book(@Req() request: Request, @Res() response: Response, @Param('slug') slug: string, @Body() body: unknown): Promise<void> {
    securityHeaders(response);
    response.setHeader('cache-control', 'no-store');
    const fields = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    try {
      await this.limit('book', request, slug);
      response.status(201).json(await this.booking.book(slug, fields));
    } catch (error) {
      if (error instanceof BookingException && error.code === BookingErrorCode.SLOT_TAKEN) {
        const slots = await this.booking.freshSlotsOfDay(slug, fields.start, fields.duration).catch(() => []);
        return void response.status(409).json({ code: error.code, message: error.message, slots });
      }
      answerError(response, error);
    }
  }

  private async limit(kind: 'read' | 'book', request: Request, slug: string): Promise<void> {
    if (!(await this.limiter.allow(kind, clientOf(request), slug))) throw new BookingException(BookingErrorCode.RATE_LIMITED, 'Too many requests: wait a minute and try again.');
  }
}
