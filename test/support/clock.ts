/**
 * The server's clock, frozen from the test: on Workers the Worker runs in the test's isolate, so
 * faking Date here fakes it there. Only `workersOnly` tests may rely on it.
 */
import { afterEach, vi } from "vitest";

/** Freezes the clock the Worker reads at an exact instant. */
export function freezeClockAt(iso: string): void {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
}

/** Call at the top of a file that freezes the clock: every test starts on real time again. */
export function restoreClockAfterEach(): void {
  afterEach(() => {
    vi.useRealTimers();
  });
}
