// The peak RSS of another process over a stage: sampled from /proc (every 100 ms unless told), and the kernel's own
// high-water mark (VmHWM) read at each sample, so that a peak between two samples is not missed.
import { writeFileSync } from 'node:fs';
import { memoryOf } from './process-meters.js';

export class PeakRssSampler {
  private timer: NodeJS.Timeout | undefined;
  /** Whether VmHWM counts: not after a reset the kernel refused (it would still hold an earlier stage's peak). */
  private kernelPeak = true;
  /** The highest RSS seen, in bytes. */
  peakBytes = 0;

  constructor(
    private readonly pid: number,
    private readonly everyMs = 100,
  ) {}

  start(): void {
    this.stop();
    this.timer = setInterval(() => this.sample(), this.everyMs);
  }

  /** One last sample, then no more. */
  stop(): void {
    if (!this.timer) return;
    this.sample();
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Forgets the peak so far, the kernel's too: writing 5 to /proc/<pid>/clear_refs sets VmHWM to the current RSS
   * (Documentation/filesystems/proc.rst). False when the kernel refused; then only the samples count.
   */
  resetPeak(): boolean {
    this.peakBytes = 0;
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
      this.kernelPeak = true;
    } catch {
      this.kernelPeak = false;
    }
    return this.kernelPeak;
  }

  private sample(): void {
    const memory = memoryOf(this.pid);
    if (memory) this.peakBytes = Math.max(this.peakBytes, memory.rss, this.kernelPeak ? memory.hwm : 0);
  }
}
