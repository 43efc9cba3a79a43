/**
 * How much the fuzz tests run. `npm test` uses the defaults below (a fixed seed, bounded runs);
 * `npm run fuzz` runs the same properties longer through `VITE_FUZZ_RUNS` (test code sees only
 * `VITE_*` variables, in the Workers and the Deno project alike). `VITE_FUZZ_SEED` picks another
 * seed; fast-check prints the seed and path of any counterexample it finds.
 */

import { RUNTIME } from "../support/runtime";

/**
 * Read at run time. Written out as `import.meta.env`, Vite would inline the values at transform
 * time, and Vitest's file-system module cache would then keep the first run's values for later
 * runs with other values.
 */
const ENV = "env";
const vars = ((import.meta as unknown as Record<string, unknown>)[ENV] ?? {}) as Record<string, string | undefined>;

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * Runs of a property of weight 1 (about 20 requests). By default the Workers project sends
 * >= 10,000 requests (and checks the database after them); the Deno project runs the same
 * properties over HTTP with a quarter of that, to keep `npm test` short on two cores.
 * `VITE_FUZZ_RUNS` sets both.
 */
export const BASE_RUNS = positive(vars.VITE_FUZZ_RUNS, RUNTIME === "workers" ? 510 : 128);

export const SEED = Math.trunc(positive(vars.VITE_FUZZ_SEED, 20_261_117));

/** The fast-check parameters of property number `index`, at `weight` times the base runs. */
export function fuzzParameters(index: number, weight = 1) {
  return { numRuns: Math.max(1, Math.round(BASE_RUNS * weight)), seed: SEED + index };
}

/** A per-test timeout proportionate to the runs (60 ms a request is ample, even on a busy machine). */
export function timeoutFor(weight: number, requestsPerRun = 1): number {
  return Math.max(60_000, Math.round(BASE_RUNS * weight * requestsPerRun * 60));
}
