// `npm run sandbox`: the Payscore sandbox on 127.0.0.1:SANDBOX_PORT (default 4010), orders in
// DATA_DIR/sandbox/orders.json, keys (and its certificates) in DATA_DIR/sandbox/keys; the identities in
// SANDBOX_CERTIFICATE_IDENTITIES answer in platform-certificate mode. `npm run sandbox:reset` (--reset)
// restores the demo orders in the data file and exits.
// Runs under tsx outside Next: the scripts pass `--conditions=react-server` so `server-only`
// resolves to its empty module.
import "server-only";
import { dataPath, getEnv } from "@/server/env";
import { writeFileSync } from "node:fs";
import { buildSeedRecords } from "@/server/sandbox/seed";
import { buildHistoryRecords } from "@/server/sandbox/history";
import { startSandbox } from "@/server/sandbox/server";
import { OrderStore } from "@/server/sandbox/store";

async function main(): Promise<void> {
  const env = getEnv();
  const dataFile = dataPath("sandbox", "orders.json");
  const keysDir = dataPath("sandbox", "keys");

  const history = env.SANDBOX_DEMO_HISTORY === "on";
  if (process.argv.includes("--reset")) {
    const store = new OrderStore(dataFile, () => [...buildSeedRecords(new Date()), ...(history ? buildHistoryRecords(new Date()) : [])]);
    store.reset();
    // The console restores its side (the trail of the demo history) on its next start.
    writeFileSync(dataPath("demo-reset"), new Date().toISOString());
    console.log(`Payscore sandbox: restored ${store.size} demo orders in ${dataFile}; the console restores its demo history on its next start`);
    return;
  }

  const sandbox = await startSandbox({
    port: env.SANDBOX_PORT,
    host: "127.0.0.1",
    dataFile,
    keysDir,
    history,
    notify: { baseUrl: env.SANDBOX_NOTIFY_URL, timeScale: env.SANDBOX_NOTIFY_TIME_SCALE },
    certificateIdentities: env.SANDBOX_CERTIFICATE_IDENTITIES,
  });
  console.log(`Payscore sandbox listening on ${sandbox.url} (orders: ${dataFile}, control: ${sandbox.url}/__sandbox/health)`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    sandbox
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(`[sandbox] error while stopping on ${signal}`, error);
        process.exit(1);
      });
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error("[sandbox] failed to start", error);
  process.exit(1);
});
