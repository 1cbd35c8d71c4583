import type { LabStats } from '../types.js';

/** Concurrent sessions (TCP connections to device ports): now, the most at once, and in total. */
export class SessionCounter {
  private active = 0;
  private peak = 0;
  private total = 0;

  constructor(private readonly parent?: SessionCounter) {}

  open(): void {
    this.active++;
    this.total++;
    if (this.active > this.peak) this.peak = this.active;
    this.parent?.open();
  }

  close(): void {
    this.active--;
    this.parent?.close();
  }

  /** Peak restarts from what is open now; the total from zero. */
  reset(): void {
    this.peak = this.active;
    this.total = 0;
  }

  stats(): LabStats {
    return { activeSessions: this.active, peakSessions: this.peak, totalSessions: this.total };
  }
}
