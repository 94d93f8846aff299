// Lua run atomically by Redis: one script call is one step no other process can interleave with. Times are Redis's
// own clock (TIME), so processes on machines whose clocks disagree still agree on when a lease or a pause ends.
// Keys per mailbox: KEYS[1] `…:holders`, a sorted set of slot leases scored by their expiry (ms); KEYS[2] `…:paused`,
// the time (ms) until which Microsoft's Retry-After holds the mailbox, expiring by itself when it passes; KEYS[3]
// `…:line`, the processes' first waiters in arrival order, and KEYS[4] `…:seen`, when each of them last asked, so one
// whose process died leaves the line.

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// The holders key lives as long as its longest lease, so a mailbox whose holders all died leaves nothing behind.
const EXPIRE_WITH_LAST_LEASE = `local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] then redis.call('PEXPIREAT', KEYS[1], math.ceil(tonumber(last[2]))) end`;

/**
 * ARGV: lease id, weight, limit, lease TTL (ms), stale (ms), wake-up channel. First come, first served across
 * processes: only the first in line (or anyone when nobody waits) may take slots. Returns {1, 0} when the weight's
 * slots were taken (members `lease#1…lease#weight`); otherwise the caller is (still) in line and gets {0, ms} (ms until
 * the soonest lease expires) or, while a Retry-After holds the mailbox, {2, ms}. Leases past their expiry (a holder
 * that died) and waiters that stopped asking are dropped first.
 */
export const ACQUIRE_LUA = `${NOW}
local lease = ARGV[1]
local stale = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now - tonumber(ARGV[5]))
for _, waiter in ipairs(stale) do redis.call('ZREM', KEYS[3], waiter) end
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - tonumber(ARGV[5]))
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local function wait(status, ms)
  redis.call('ZADD', KEYS[3], 'NX', now, lease)
  redis.call('ZADD', KEYS[4], now, lease)
  redis.call('PEXPIRE', KEYS[3], ARGV[5])
  redis.call('PEXPIRE', KEYS[4], ARGV[5])
  return {status, ms}
end
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then return wait(2, paused - now) end
local weight = tonumber(ARGV[2])
local ttl = tonumber(ARGV[4])
local first = redis.call('ZRANGE', KEYS[3], 0, 0)[1]
if (first and first ~= lease) or redis.call('ZCARD', KEYS[1]) + weight > tonumber(ARGV[3]) then
  local soonest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return wait(0, soonest[2] and math.max(1, tonumber(soonest[2]) - now) or 1)
end
for i = 1, weight do redis.call('ZADD', KEYS[1], now + ttl, lease .. '#' .. i) end
${EXPIRE_WITH_LAST_LEASE}
redis.call('ZREM', KEYS[3], lease)
redis.call('ZREM', KEYS[4], lease)
-- the next in line may fit in what is left
if redis.call('ZCARD', KEYS[3]) > 0 then redis.call('PUBLISH', ARGV[6], '1') end
return {1, 0}`;

/** ARGV: lease id, weight, lease TTL (ms). Pushes the lease's expiry out; returns how many of its slots were still held. */
export const RENEW_LUA = `${NOW}
local ttl = tonumber(ARGV[3])
local renewed = 0
for i = 1, tonumber(ARGV[2]) do
  local member = ARGV[1] .. '#' .. i
  if redis.call('ZSCORE', KEYS[1], member) then
    redis.call('ZADD', KEYS[1], now + ttl, member)
    renewed = renewed + 1
  end
end
${EXPIRE_WITH_LAST_LEASE}
return renewed`;

/** ARGV: lease id, weight, the mailbox's wake-up channel. Frees the slots and wakes the processes waiting for them. */
export const RELEASE_LUA = `for i = 1, tonumber(ARGV[2]) do redis.call('ZREM', KEYS[1], ARGV[1] .. '#' .. i) end
redis.call('PUBLISH', ARGV[3], '1')
return 1`;

/** ARGV: pause (ms). Holds the mailbox until now + pause unless it is already held longer. */
export const PAUSE_LUA = `${NOW}
local ms = tonumber(ARGV[1])
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if now + ms > paused then redis.call('SET', KEYS[2], now + ms, 'PX', ms) end
return 1`;

/** Returns {slots held now (live leases), ms the Retry-After still holds}. */
export const STATUS_LUA = `${NOW}
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
return {redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf'), math.max(0, paused - now)}`;
