// Starts and stops the SDK test stack (sdk/testing/stack.sh: processor-sim + connector-service),
// optionally with the HTTP webhook receiver relaying to a local sink.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../../..");
const stackSh = path.join(repoRoot, "sdk/testing/stack.sh");

/** Where the binaries are, and whether a missing build is an error (CS_BUILD_DIR set) or a skip. */
export function stackAvailability() {
  if (process.env.CS_SDK_SKIP_INTEGRATION === "1") return { skip: "CS_SDK_SKIP_INTEGRATION=1" };
  const explicit = process.env.CS_BUILD_DIR;
  const bin = explicit || path.join(repoRoot, "build/default");
  const missing = ["sim/processor-sim", "service/connector-service"].filter((b) => !existsSync(path.join(bin, b)));
  if (missing.length === 0) return { bin };
  if (explicit) return { bin, error: `CS_BUILD_DIR=${explicit} lacks ${missing.join(", ")}` };
  return { skip: `no binaries in ${bin} (set CS_BUILD_DIR)` };
}

function parseEnv(text) {
  const env = {};
  for (const line of text.split("\n")) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  return env;
}

/**
 * Starts the stack; `extraEnv` reaches connector-service (CS_* config overrides).
 * Returns {dir, env, stop()}.
 */
export async function startStack(bin, extraEnv = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cs-sdk-ts-"));
  const env = { ...process.env, CS_BUILD_DIR: bin, ...extraEnv };
  try {
    await run(stackSh, ["start", dir], { env, timeout: 60_000 });
  } catch (e) {
    await run(stackSh, ["stop", dir], { env }).catch(() => {});
    const err = new Error(`stack.sh start failed: ${e.stderr || e.message}`);
    err.dir = dir;
    throw err;
  }
  const stackEnv = parseEnv(readFileSync(path.join(dir, "env"), "utf8"));
  return {
    dir,
    env: stackEnv,
    async stop({ keep = false } = {}) {
      await run(stackSh, ["stop", dir], { env }).catch(() => {});
      if (!keep && process.env.CS_SDK_KEEP_STACK !== "1") rmSync(dir, { recursive: true, force: true });
    },
  };
}
