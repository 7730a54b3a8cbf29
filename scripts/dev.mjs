#!/usr/bin/env node
// The run command: in sandbox mode (no PAYSCORE_PROFILES_FILE) it starts the local Payscore sandbox
// next to the console, then `next dev` (or `next start` with --prod), and stops both together.
import { spawn } from "node:child_process";

const prod = process.argv.includes("--prod");
const port = process.env.PORT ?? "3000";
// The sandbox sends its notifications to this console unless told otherwise.
const env = { NEXT_TELEMETRY_DISABLED: "1", SANDBOX_NOTIFY_URL: `http://localhost:${port}`, ...process.env };
const children = [];

function run(name, command, args) {
  const child = spawn(command, args, { stdio: "inherit", env });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`[run] ${name} exited (${signal ?? code}); stopping.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  process.exitCode = code;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 300).unref();
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

if (!env.PAYSCORE_PROFILES_FILE) {
  run("sandbox", process.execPath, ["--conditions=react-server", "--import", "tsx", "server/sandbox/cli.ts"]);
}
run("next", process.execPath, ["node_modules/next/dist/bin/next", prod ? "start" : "dev", "-p", port]);
