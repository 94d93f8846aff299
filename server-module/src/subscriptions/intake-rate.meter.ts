import { Injectable } from '@nestjs/common';

const BUCKET_MS = 100;
const BUCKETS = 10;

/** Notifications this process accepted over the last second, in 100 ms buckets. */
@Injectable()
export class IntakeRateMeter {
  private readonly counts = new Array<number>(BUCKETS).fill(0);
  private readonly starts = new Array<number>(BUCKETS).fill(0);

  /** The clock; tests replace it. */
  now: () => number = Date.now;

  record(count: number): void {
    const start = Math.floor(this.now() / BUCKET_MS) * BUCKET_MS;
    const index = (start / BUCKET_MS) % BUCKETS;
    if (this.starts[index] !== start) {
      this.starts[index] = start;
      this.counts[index] = 0;
    }
    this.counts[index]! += count;
  }

  perSecond(): number {
    const since = this.now() - BUCKETS * BUCKET_MS;
    let total = 0;
    for (let index = 0; index < BUCKETS; index += 1) if (this.starts[index]! > since) total += this.counts[index]!;
    return total;
  }
}
