import type { MicrosoftPluginConfig } from '../../config/microsoft-plugin-config.js';
import { InProcessBookingRateLimiter, type BookingRateLimiter } from './booking-rate-limiter.js';
import { RedisBookingRateLimiter } from './redis-booking-rate-limiter.js';

/** Across processes through the plugin's Redis when the host gives one; within this process otherwise. */
export function createBookingRateLimiter(config: Pick<MicrosoftPluginConfig, 'redis'>): BookingRateLimiter {
  if (!config.redis) return new InProcessBookingRateLimiter();
  return new RedisBookingRateLimiter({ url: config.redis.url, keyPrefix: config.redis.keyPrefix ?? 'm365' });
}
