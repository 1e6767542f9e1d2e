/**
 * One time limit for a whole meeting (SECURITY.md, "Budget per meeting"):
 * every print, reprint and bilag parse of it is given the time left until
 * its deadline, so however many documents a meeting prints, it stops when
 * its limit is spent.
 */

/** The meeting's time is spent; thrown before, or instead of, the work it would not finish. */
export class DeadlinePassed extends Error {
  constructor(readonly limit: number) {
    super(`The meeting's time limit of ${limit} ms has passed`);
  }
}

export interface Deadline {
  /** The whole limit, milliseconds (for the message). */
  readonly limit: number;
  /** Milliseconds left, at least 1 (0 means "no limit" to Puppeteer); throws DeadlinePassed when none are. */
  left(): number;
}

/** A deadline `limit` milliseconds from now; the clock is injectable for tests. */
export function deadlineIn(limit: number, now: () => number = () => performance.now()): Deadline {
  const at = now() + limit;
  return {
    limit,
    left() {
      const left = Math.floor(at - now());
      if (left <= 0) throw new DeadlinePassed(limit);
      return left;
    },
  };
}
