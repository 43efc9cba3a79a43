/**
 * In-memory counters per key over fixed windows, for what has no shared limiter: the Deno
 * entry's operator limit, and the lock of an address that went over the operator limit. Bounded:
 * past `maxKeys` the oldest entry is dropped, so a flood of new keys cannot grow memory.
 */

export interface WindowCounterOptions {
  limit: number;
  periodMs: number;
  maxKeys?: number;
}

interface Entry {
  windowStart: number;
  count: number;
}

export class WindowCounter {
  readonly #entries = new Map<string, Entry>();
  readonly #limit: number;
  readonly #periodMs: number;
  readonly #maxKeys: number;

  constructor(options: WindowCounterOptions) {
    this.#limit = options.limit;
    this.#periodMs = options.periodMs;
    this.#maxKeys = options.maxKeys ?? 10_000;
  }

  #current(key: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry !== undefined && now - entry.windowStart >= this.#periodMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Counts one event under `key`; whether it is within the limit of the current window. */
  hit(key: string, now: number): boolean {
    let entry = this.#current(key, now);
    if (entry === undefined) {
      if (this.#entries.size >= this.#maxKeys) {
        const oldest = this.#entries.keys().next();
        if (!oldest.done) this.#entries.delete(oldest.value);
      }
      entry = { windowStart: now, count: 0 };
      this.#entries.set(key, entry);
    }
    entry.count++;
    return entry.count <= this.#limit;
  }

  /** Whether `key` is over the limit in its current window, without counting. */
  isOver(key: string, now: number): boolean {
    const entry = this.#current(key, now);
    return entry !== undefined && entry.count > this.#limit;
  }
}
