import { SyncRunTrigger } from '@m365/shared-types';

/** Every process running the plugin proves it is alive this often. */
export const PROCESS_HEARTBEAT_EVERY_MS = 1_000;
/**
 * A process silent this long is taken for dead and its leases are free: five missed beats, so a busy event loop or
 * a slow query is not mistaken for a crash, yet a killed process's sync resumes within seconds. A live process
 * whose lease was taken anyway (a stall longer than this) notices at its next lease check and stops.
 */
export const PROCESS_PRESUMED_DEAD_AFTER_MS = 5_000;
/** A running sync checks this often that its lease is still its own. */
export const LEASE_CHECK_EVERY_MS = 2_000;
/** Rows of processes gone this long are deleted. */
export const FORGET_PROCESSES_AFTER_MS = 60 * 60 * 1000;

/** A pass that found its channel held by another process's pass (a push pass) is asked for again this much later. */
export const BUSY_CHANNEL_RETRY_MS = 500;
/**
 * Whether a pass that found its channel busy is asked for again: a member's retry or a resync Microsoft asked for
 * (missed notifications) must not be lost to a push pass holding the channel; the periodic pass waits for its turn.
 */
export const waitsForBusyChannel = (trigger: SyncRunTrigger | undefined): boolean => trigger !== undefined && trigger !== SyncRunTrigger.PERIODIC;
