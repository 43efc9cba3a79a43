// The one place that says how `deno serve` runs the Deno entry: used by `npm run start:deno`
// (scripts/deno-start.mjs) and by the tests' Deno server (test/support/deno-server.ts).
//
// Permissions: read (migrations, demo data, node_modules, the database), write (the database),
// env (settings), net (serving), ffi + sys (@libsql/client's native SQLite addon checks the
// platform through process.report and is loaded as a Node-API library).
export const DENO_PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-env",
  "--allow-net",
  "--allow-ffi",
  "--allow-sys",
];

/**
 * The arguments of `deno serve` for an entry file: the permissions, `--host` and `--port`
 * unless the extra arguments set them, the extra arguments, then the entry.
 * @param {{ entry: string, host: string, port: number | string, extra?: string[] }} options
 * @returns {string[]}
 */
export function denoServeArgs({ entry, host, port, extra = [] }) {
  const given = (flag) => extra.some((arg) => arg === flag || arg.startsWith(`${flag}=`));
  return [
    "serve",
    ...DENO_PERMISSIONS,
    ...(given("--host") ? [] : ["--host", host]),
    ...(given("--port") ? [] : ["--port", String(port)]),
    ...extra,
    entry,
  ];
}
