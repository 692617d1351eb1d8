import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';

/**
 * A fixed-window request budget per client address for the public routes, which need no
 * session. Generous enough for a whole school behind one address browsing at once, tight
 * enough to stop a scraper. Kept in memory per process: it protects the process, and the
 * sign-up itself is throttled in the database (see signups.ts) so several processes agree.
 */
export class AddressBudget {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly perMinute: number,
  ) {}

  /** Counts one request; throws 429 when the address used its budget for this minute. */
  take(address: string) {
    const now = this.clock.now().getTime();
    const w = this.windows.get(address);
    if (!w || now - w.start >= 60_000) {
      this.windows.set(address, { start: now, count: 1 });
      if (this.windows.size > 50_000) this.sweep(now);
      return;
    }
    w.count++;
    if (w.count > this.perMinute) throw new AppError(429, 'rate_limited');
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(k);
  }
}
