/**
 * Which runtime answers this test project, and the way to mark a test that only the Workers
 * project can run: one that needs rows the API cannot write (chosen ids or times, through the
 * fixtures' direct database access), fakes the server's clock, spies on the server's console,
 * or uses a Workers-only binding. Such a test shows as skipped in the "deno" project.
 */
import { describe, it } from "vitest";
import { RUNTIME } from "./transport";

export { RUNTIME };

export const onWorkers = RUNTIME === "workers";

/** `it`, run in the "workers" project only. */
export const workersOnly: ReturnType<typeof it.skipIf> = it.skipIf(!onWorkers);

/** `describe`, run in the "workers" project only. */
export const describeWorkersOnly: ReturnType<typeof describe.skipIf> = describe.skipIf(!onWorkers);
