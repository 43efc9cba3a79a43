#!/usr/bin/env node
// `npm run admin -- <command>`: the operator API (/admin/v1, API.md §2) from the command line.
//
//   npm run admin -- org create --name "Acme"
//   npm run admin -- token create --org <orgId> [--name "lms sync"]
//   npm run admin -- token revoke --id <tokenId>
//
// Options: --url <base> (default http://localhost:8787, or $REGISTRAR_URL), --json (print the
// response body as JSON instead of text). The admin token comes from $ADMIN_TOKEN, else from
// ADMIN_TOKEN in .dev.vars (what `npm run dev` serves with). A new access token is printed once:
// only its hash is stored, nobody can show it again. Plain Node (>= 18), no dependencies.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  org create --name <name>                 create an organization and its first access token
  token create --org <orgId> [--name <n>]  issue another access token for an organization
  token revoke --id <tokenId>              revoke an access token (stops working within 60 s)

Options:
  --url <base>   the server (default $REGISTRAR_URL or http://localhost:8787)
  --json         print the response body as JSON
  -h, --help     this text

The admin token is read from $ADMIN_TOKEN, else from ADMIN_TOKEN in .dev.vars.`;

class UsageError extends Error {}

/** ADMIN_TOKEN from a dotenv-style file (KEY=VALUE lines, optional quotes, # comments). */
function adminTokenFromDevVars(file) {
  if (!existsSync(file)) return undefined;
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?ADMIN_TOKEN\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    const value = match[1];
    const quoted = /^(["'])(.*)\1$/.exec(value);
    return quoted ? quoted[2] : value.replace(/\s+#.*$/, "");
  }
  return undefined;
}

function adminToken() {
  const token = process.env.ADMIN_TOKEN || adminTokenFromDevVars(path.join(root, ".dev.vars"));
  if (!token) {
    throw new UsageError("No admin token: set ADMIN_TOKEN, or put ADMIN_TOKEN=... in .dev.vars.");
  }
  return token;
}

async function request(base, method, apiPath, body) {
  const url = new URL(apiPath, base.endsWith("/") ? base : `${base}/`);
  const headers = { Authorization: `Bearer ${adminToken()}`, Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    const cause = error.cause?.code ?? error.cause?.errors?.[0]?.code ?? error.cause?.message ?? error.message;
    throw new Error(`Cannot reach ${url.origin}: ${cause}. Is the server running (npm run dev)?`);
  }
  const text = await response.text();
  let json;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const code = response.headers.get("X-Error-Code");
    const detail = json ? JSON.stringify(json) : text;
    const hint =
      response.status === 401
        ? " (wrong admin token)"
        : response.status === 404 && code === "not_found" && json?.errors?.[0] === "Not found"
          ? " (is ADMIN_TOKEN configured on the server?)"
          : "";
    throw new Error(`${method} ${url.pathname}: ${response.status}${code ? ` ${code}` : ""}${hint} ${detail}`.trim());
  }
  return json;
}

function required(values, name) {
  const value = values[name];
  if (value === undefined || value === "") throw new UsageError(`--${name} is required.`);
  return value;
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: "string" },
      name: { type: "string" },
      org: { type: "string" },
      id: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return;
  }
  const base = values.url ?? process.env.REGISTRAR_URL ?? "http://localhost:8787";
  const command = positionals.join(" ");
  const print = (body, text) => console.log(values.json ? JSON.stringify(body, null, 2) : text);

  switch (command) {
    case "org create": {
      const org = await request(base, "POST", "admin/v1/organizations", { name: required(values, "name") });
      print(
        org,
        [
          `Organization ${org.id} (${org.name}) created.`,
          "Its access token, shown this once only (store it now):",
          "",
          `  ${org.token}`,
        ].join("\n"),
      );
      return;
    }
    case "token create": {
      const orgId = required(values, "org");
      const body = values.name === undefined ? {} : { name: values.name };
      const token = await request(base, "POST", `admin/v1/organizations/${encodeURIComponent(orgId)}/tokens`, body);
      print(
        token,
        [`Token ${token.id} issued for organization ${orgId}.`, "Shown this once only (store it now):", "", `  ${token.token}`].join(
          "\n",
        ),
      );
      return;
    }
    case "token revoke": {
      const id = required(values, "id");
      await request(base, "DELETE", `admin/v1/tokens/${encodeURIComponent(id)}`);
      print({ id, revoked: true }, `Token ${id} revoked; it stops working everywhere within 60 seconds.`);
      return;
    }
    default:
      throw new UsageError(`Unknown command: ${command}`);
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error?.code?.startsWith?.("ERR_PARSE_ARGS")) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(`admin: ${error.message}`);
    process.exitCode = 1;
  }
}
