// The one place that reads process.env: parsed by a schema once, typed everywhere else.
import "server-only";
import path from "node:path";
import { z } from "zod";

const ZEnv = z.object({
  /** JSON file with the merchant profiles. Unset → sandbox mode with demo profiles. */
  PAYSCORE_PROFILES_FILE: z.string().min(1).optional(),
  /** Git-ignored folder for the embedded database, sandbox keys and sandbox orders. */
  DATA_DIR: z.string().min(1).default(".data"),
  SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  /** The console's origin, to which the sandbox sends notifications (…/api/wechatpay/notify/<profile>). */
  SANDBOX_NOTIFY_URL: z.url().default("http://localhost:3000"),
  /** Multiplies the sandbox's notification retry schedule (15 s, 15 s, 30 s, 3 min, …); tests shorten it. */
  SANDBOX_NOTIFY_TIME_SCALE: z.coerce.number().min(0.0001).max(100).default(1),
  /** Sandbox mode: start with the demo four-eyes policy on every demo profile ("off": none; the browser tests set their own). */
  SANDBOX_DEMO_APPROVALS: z.enum(["on", "off"]).default("on"),
  /** Sandbox mode: a month of demo history (sandbox orders and the console's trail; "off": none). */
  SANDBOX_DEMO_HISTORY: z.enum(["on", "off"]).default("on"),
  /**
   * Sandbox identities (profile ids, comma-separated, e.g. "demo-merchant") in platform-certificate
   * mode: the sandbox signs their answers with its platform certificate instead of the 微信支付公钥,
   * and the console's sandbox profiles of those ids download and keep the certificates. Default none.
   */
  SANDBOX_CERTIFICATE_IDENTITIES: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((id) => id.trim()).filter((id) => id !== "")),
  /** Where the console reaches the sandbox (defaults to 127.0.0.1:SANDBOX_PORT). */
  SANDBOX_URL: z.url().optional(),
  DATABASE_URL: z.string().min(1).optional(),
  PGLITE_DIR: z.string().min(1).optional(),
  BETTER_AUTH_SECRET: z.string().min(32).optional(),
  BETTER_AUTH_URL: z.url().optional(),
  /** Sign-in attempts allowed per client IP per minute (better-auth's limiter on /sign-in/email). */
  AUTH_SIGN_IN_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  /**
   * How many reverse proxies stand in front of the console, each appending to X-Forwarded-For.
   * 0 (default): the console is reached directly and keys the sign-in limit on the socket address;
   * X-Forwarded-For is ignored, as any client can send it (server/auth/client-ip.ts).
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** PostgreSQL server for the database tests; each run creates (and drops) its own database in it. */
  TEST_DATABASE_URL: z.string().min(1).default("postgres://postgres@127.0.0.1:5432/test"),
  /** Set by CI: the PostgreSQL database tests must run there (fail, never skip). */
  CI: z.string().optional(),
  WECHATPAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** How often each instance reconciles unsettled trail rows and re-reads watched orders (ms). */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(200).max(3_600_000).default(30_000),
  /** Bulk adjustments: WeChat calls per second per merchant identity (mchid) and API, shared by every instance. */
  BULK_RATE_PER_SECOND: z.coerce.number().min(0.1).max(10_000).default(10),
  /** Bulk adjustments: rows a process works on at once (execution), and orders it queries at once (dry run). */
  BULK_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (!cached) {
    const parsed = ZEnv.safeParse(process.env);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
      throw new Error(`Invalid environment: ${fields}`);
    }
    cached = parsed.data;
  }
  return cached;
}

export function dataPath(...parts: string[]): string {
  return path.resolve(getEnv().DATA_DIR, ...parts);
}

export function isSandboxMode(): boolean {
  return getEnv().PAYSCORE_PROFILES_FILE === undefined;
}

export function sandboxUrl(): string {
  const env = getEnv();
  return env.SANDBOX_URL ?? `http://127.0.0.1:${env.SANDBOX_PORT}`;
}

/** True on CI (CI=true / 1 / anything but "" "0" "false"). */
export function isCI(): boolean {
  const value = getEnv().CI;
  return value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";
}
