// Command-line flags of `npm run bench`. Plain Node, no dependencies.

export const DEFAULTS = {
  users: 10_000,
  offerings: 1_000,
  registrations: 100_000,
  duration: 10,
  warmup: 2,
  rounds: 5,
  concurrency: [1, 8, 32],
  offsets: [0, 10_000, 50_000, 90_000],
  offsetDuration: 5,
  cpuRequests: 1_000,
  json: null,
  rateLimit: false,
  stateDir: null,
  d1Rtt: [0],
};

const HELP = `Usage: npm run bench -- [flags]

  --users N              users to load (default ${DEFAULTS.users})
  --offerings N          offerings to load (default ${DEFAULTS.offerings})
  --registrations N      registrations to load (default ${DEFAULTS.registrations})
  --duration S           seconds of load per endpoint and concurrency (default ${DEFAULTS.duration})
  --warmup S             unmeasured seconds per endpoint and concurrency first (default ${DEFAULTS.warmup})
  --rounds N             the duration is split into N slices, endpoints interleaved round by round
                         so that they all see the same background load (default ${DEFAULTS.rounds})
  --concurrency LIST     connections, comma separated (default ${DEFAULTS.concurrency.join(",")})
  --offsets LIST         offsets for the deep-paging measurement at concurrency 1
                         (default ${DEFAULTS.offsets.join(",")}; empty to skip)
  --offset-duration S    seconds per offset (default ${DEFAULTS.offsetDuration})
  --cpu-requests N       sequential requests per endpoint for the CPU estimate (default ${DEFAULTS.cpuRequests}; 0 skips)
  --rate-limit           keep the [[ratelimits]] binding of wrangler.toml (limit raised so that it
                         never refuses). Off by default: Miniflare simulates it with a SQLite-backed
                         Durable Object that writes to disk on every request, unlike production.
  --state-dir DIR        where the temporary local D1 lives (default /dev/shm when it exists, a
                         tmpfs: on a disk, every query in a D1 session waits for a flush to disk
                         in Miniflare, which measures the disk rather than the Worker; else the
                         OS temp dir)
  --d1-rtt LIST          milliseconds each D1 call waits before it runs, comma separated, one
                         block of the throughput tables per value (default 0): an injected network
                         round trip to the database, for every Worker with D1 (bench/workers/d1-rtt.js)
  --json PATH            also write every number as JSON to PATH
`;

function integer(name, value, min) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got "${value}"`);
  return n;
}

function list(name, value, min) {
  if (value.trim() === "") return [];
  return value.split(",").map((part) => integer(name, part.trim(), min));
}

function milliseconds(name, value) {
  const values = value.split(",").map((part) => Number(part.trim()));
  if (value.trim() === "" || values.some((n) => !Number.isFinite(n) || n < 0 || n > 1000)) {
    throw new Error(`--${name} must be a comma-separated list of milliseconds (0 to 1000), got "${value}"`);
  }
  return values;
}

export function parseArgs(argv) {
  const options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      process.stdout.write(HELP);
      process.exit(0);
    }
    if (arg === "--rate-limit") {
      options.rateLimit = true;
      continue;
    }
    if (!arg.startsWith("--")) throw new Error(`unexpected argument "${arg}"\n\n${HELP}`);
    let value;
    const eq = arg.indexOf("=");
    if (eq !== -1) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    } else {
      value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
    }
    const name = arg.slice(2);
    switch (name) {
      case "users": options.users = integer(name, value, 1); break;
      case "offerings": options.offerings = integer(name, value, 2); break;
      case "registrations": options.registrations = integer(name, value, 1); break;
      case "duration": options.duration = integer(name, value, 1); break;
      case "warmup": options.warmup = integer(name, value, 0); break;
      case "rounds": options.rounds = integer(name, value, 1); break;
      case "concurrency": options.concurrency = list(name, value, 1); break;
      case "offsets": options.offsets = list(name, value, 0); break;
      case "offset-duration": options.offsetDuration = integer(name, value, 1); break;
      case "cpu-requests": options.cpuRequests = integer(name, value, 0); break;
      case "json": options.json = value; break;
      case "state-dir": options.stateDir = value; break;
      case "d1-rtt": options.d1Rtt = milliseconds(name, value); break;
      default: throw new Error(`unknown flag --${name}\n\n${HELP}`);
    }
  }
  // Seeded pairs use k = 0..K-1 per user (see dataset.mjs); POSTs need fresh k >= K.
  const perUser = Math.ceil(options.registrations / options.users);
  if (perUser > options.offerings / 2) {
    throw new Error(
      `--registrations ${options.registrations} needs more offerings: at most half of each user's ` +
        `${options.offerings} offerings are pre-registered so that fresh pairs remain for POST /registrations`,
    );
  }
  return options;
}
