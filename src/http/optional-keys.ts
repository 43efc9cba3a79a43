/**
 * A parsed body type whose fields that may be undefined are also optional keys: schemas that
 * map `null` to absent (`.transform`) infer `T | undefined` with a required key, which domain
 * callers (and tests) should not have to spell out.
 */
export type OptionalKeys<T> = { [K in keyof T as undefined extends T[K] ? K : never]?: T[K] } & {
  [K in keyof T as undefined extends T[K] ? never : K]: T[K];
};
