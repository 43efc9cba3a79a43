/**
 * When a failed delivery is tried again: exponential backoff, 5 s × 4^(n−1) after the n-th
 * failed attempt, at most 4 hours (5 s, 20 s, 80 s, 5 min 20 s, 21 min, 85 min, then every 4 h),
 * for 24 hours after the event (or after a manual retry); then the delivery is failed. About 11
 * attempts in all. Queues allow delays up to 12 hours, so every delay fits one message.retry().
 */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
export const ATTEMPT_TIMEOUT_MS = 10_000;
const FIRST_DELAY_SECONDS = 5;
const MAX_DELAY_SECONDS = 4 * 60 * 60;

/** Seconds to wait after `failedAttempts` failed attempts (1, 2, …). */
export function backoffSeconds(failedAttempts: number): number {
  return Math.min(FIRST_DELAY_SECONDS * 4 ** Math.max(0, failedAttempts - 1), MAX_DELAY_SECONDS);
}
