// The contacts bench's OneDrive upload: a file of random bytes streamed from the orchestrator to the CRM worker's
// upload route (which streams it on to OneDrive through an upload session), while the worker's resident memory is
// sampled every 10 ms and its kernel high-water mark read; the growth is the peak above the RSS just before.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { memoryOf } from '../shared/process-meters.js';
import { PeakRssSampler } from '../shared/peak-rss-sampler.js';
import type { UploadReady } from './contacts-messages.js';

const MB = 1024 * 1024;
const SAMPLE_EVERY_MS = 10;

export interface UploadFigures {
  bytes: number;
  seconds: number;
  baselineRssBytes: number;
  peakRssBytes: number;
  /** Whether the kernel's high-water mark was reset before the upload (and so counted in the peak). */
  kernelPeakCounted: boolean;
  /** What OneDrive (the emulator) says it holds. */
  storedSize: number;
  name: string;
}

/** A body of `bytes` bytes, one random MiB block over and over, made as it is read (the orchestrator holds 1 MiB). */
function body(bytes: number): Readable {
  const block = randomBytes(MB);
  let produced = 0;
  return new Readable({
    read() {
      if (produced >= bytes) return void this.push(null);
      const size = Math.min(block.length, bytes - produced);
      produced += size;
      this.push(size === block.length ? block : block.subarray(0, size));
    },
  });
}

export async function uploadThroughCrm(pid: number, ready: UploadReady, bytes: number): Promise<UploadFigures> {
  const name = `Bench upload ${Date.now()}.bin`;
  const baselineRssBytes = memoryOf(pid)?.rss ?? 0;
  const sampler = new PeakRssSampler(pid, SAMPLE_EVERY_MS);
  const kernelPeakCounted = sampler.resetPeak();
  sampler.start();
  const started = performance.now();
  let answer: Response;
  let text: string;
  try {
    answer = await fetch(`${ready.uploadUrl}?name=${encodeURIComponent(name)}&size=${bytes}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes), cookie: ready.cookie },
      body: Readable.toWeb(body(bytes)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    text = await answer.text();
  } finally {
    sampler.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  if (answer.status !== 201) throw new Error(`the upload answered ${answer.status}: ${text.slice(0, 300)}`);
  const stored = JSON.parse(text) as { size: number; name: string };
  return { bytes, seconds, baselineRssBytes, peakRssBytes: Math.max(sampler.peakBytes, baselineRssBytes), kernelPeakCounted, storedSize: stored.size, name: stored.name };
}
