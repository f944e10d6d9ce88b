// A CommonJS package loaded with import(): Node gives its exports both as named exports and as
// `default` (module.exports); in the bundle (dist/, esbuild with code splitting) the chunk of a
// dynamically imported CommonJS package has `default` only. Reading `default` works in both.

/** The exports object of a CommonJS package loaded with `await import(…)`; for CommonJS packages only. */
export function commonJsExports<T extends object>(loaded: T): T {
  return (loaded as { default?: T }).default ?? loaded;
}
