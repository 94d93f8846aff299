import { retryAfterMs } from './graph-error.classifier.js';
import type { AccountGraphClient } from './account-graph-client.js';

// A JSON batch holds at most 20 requests, and the SDK never retries the items inside it:
// https://learn.microsoft.com/graph/json-batching
export const MAX_BATCH_SIZE = 20;
const RETRYABLE = new Set([429, 503, 504]);
const MAX_ATTEMPTS = 5;
const DEFAULT_WAIT_MS = 1000;

export interface BatchItem {
  id: string;
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface BatchResult {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

type Sleep = (ms: number) => Promise<void>;
const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends requests through `$batch` in chunks of 20. Items answered 429/503/504 wait out their own Retry-After and
 * are sent again (only those); after five attempts their last answer is returned as it is. A throttled item's
 * Retry-After also pauses the mailbox's gate, so the other requests for the mailbox wait with it.
 */
export async function runBatch(graph: AccountGraphClient, items: BatchItem[], wait: Sleep = sleep): Promise<Map<string, BatchResult>> {
  const results = new Map<string, BatchResult>();
  for (let start = 0; start < items.length; start += MAX_BATCH_SIZE) {
    let pending = items.slice(start, start + MAX_BATCH_SIZE);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const response = await graph.request((client) =>
        client.api('/$batch').post({ requests: pending.map((item) => ({ method: 'GET', ...item })) }),
      ) as { responses: BatchResult[] };
      const retry: BatchItem[] = [];
      let waitMs = 0;
      let throttledMs = 0;
      for (const result of response.responses) {
        results.set(result.id, result);
        const headerValue = Object.entries(result.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
        if (result.status === 429) throttledMs = Math.max(throttledMs, retryAfterMs(headerValue) ?? 0);
        if (RETRYABLE.has(result.status) && attempt < MAX_ATTEMPTS) {
          retry.push(pending.find((item) => item.id === result.id)!);
          waitMs = Math.max(waitMs, retryAfterMs(headerValue) ?? DEFAULT_WAIT_MS * 2 ** (attempt - 1));
        }
      }
      if (throttledMs > 0) await graph.pauseMailbox(throttledMs);
      if (retry.length > 0) await wait(waitMs);
      pending = retry;
    }
  }
  return results;
}
