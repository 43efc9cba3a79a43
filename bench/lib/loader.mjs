// The parent side of bench/lib/load-child.mjs: one request/response message at a time.
import { fork } from "node:child_process";
import path from "node:path";

/** The load generator process, driven by request/response messages. */
export function startLoader(root) {
  const child = fork(path.join(root, "bench", "lib", "load-child.mjs"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let pending = null;
  child.on("message", (message) => {
    const p = pending;
    pending = null;
    if (!p) return;
    clearTimeout(p.timer);
    if (message.type === "error") p.reject(new Error(`load generator: ${message.message}`));
    else p.resolve(message.result);
  });
  child.on("exit", (code, signal) => {
    if (pending) pending.reject(new Error(`load generator exited (${code ?? signal})`));
    pending = null;
  });
  return {
    child,
    call(message, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending = null;
          reject(new Error(`load generator did not answer "${message.type}" within ${timeoutMs} ms`));
        }, timeoutMs);
        pending = { resolve, reject, timer };
        child.send(message);
      });
    },
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    },
  };
}
