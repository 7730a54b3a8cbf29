// Platform-certificate mode through the app's own wiring: the sandbox profile listed in
// SANDBOX_CERTIFICATE_IDENTITIES (server/config/profiles.ts), its client from server/orders/target.ts,
// the start-up refresh, the app's database, and the notification route. A renewed certificate met by
// an order query and then by a notification is downloaded, stored and used; a start-up refresh that
// fails logs one line and does not throw.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { notification, platformCertificate } from "@/server/db/schema";
import { startActionHarness, type ActionHarness } from "./support/action-harness";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeadersMock);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const PROFILE = "demo-merchant";
const ORDER = "DEMO-M-HOTEL-PAYING-1";

let h: ActionHarness;
let receiver: Server;
const answered: number[] = [];
let profiles: typeof import("@/server/config/profiles");
let target: typeof import("@/server/orders/target");
let keeper: typeof import("@/server/certificates/keeper");

beforeAll(async () => {
  process.env.SANDBOX_CERTIFICATE_IDENTITIES = PROFILE;
  h = await startActionHarness({ database: "pglite", certificateIdentities: [PROFILE] });
  profiles = await import("@/server/config/profiles");
  target = await import("@/server/orders/target");
  keeper = await import("@/server/certificates/keeper");
  const { receiveNotification } = await import("@/server/notifications/receive");
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const headers = new Headers(Object.entries(req.headers).map(([name, value]): [string, string] => [name, String(value)]));
        const profileId = decodeURIComponent((req.url ?? "").split("/").pop() ?? "");
        const answer = await receiveNotification(h.db, profileId, { headers, rawBody: Buffer.concat(chunks).toString("utf8") });
        answered.push(answer.status);
        res.writeHead(answer.status).end();
      })();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  h.t.sandbox.state.notifier.settings = { baseUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`, urls: {}, timeScale: 0.001 };
});

afterAll(async () => {
  delete process.env.SANDBOX_CERTIFICATE_IDENTITIES;
  await new Promise((resolve) => receiver?.close(resolve));
  await h?.stop();
});

async function control(path: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${h.t.sandbox.url}/__sandbox/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(response.ok).toBe(true);
  return (await response.json()) as Record<string, unknown>;
}

const rotate = async () => (((await control("certificates/rotate")).certificate as { serial_no: string }).serial_no);

function queryTheOrder() {
  const resolved = target.resolveTarget(PROFILE, null);
  if (!resolved) throw new Error("no target");
  return target.queryOrder(resolved, ORDER);
}

describe("[CERTIFICATES] the app in sandbox mode", () => {
  it("puts only the listed sandbox profile in platform-certificate mode, trusting the sandbox's certificate and root", () => {
    const profile = profiles.getProfile(PROFILE);
    expect(profile?.certificateMode?.roots.map((root) => root.subject)).toEqual([expect.stringContaining("CN=Tenpay sandbox root")]);
    expect(profile?.verifiers.size).toBe(2);
    expect(profiles.getProfile("demo-partner")?.certificateMode).toBeUndefined();
    expect(profiles.getProfile("demo-partner")?.verifiers.size).toBe(1);
  });

  it("refreshes at start without storing the configured certificate; a failing refresh logs one line and start-up goes on", async () => {
    await keeper.refreshCertificatesAtStart(profiles.getProfiles(), target.clientFor);
    expect(await h.db.select().from(platformCertificate)).toEqual([]);
    await control("faults", { kind: "system_error", ops: ["certificates"], once: true });
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await expect(keeper.refreshCertificatesAtStart(profiles.getProfiles(), target.clientFor)).resolves.toBeUndefined();
      expect(errors.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringMatching(/^\[certificates\] demo-merchant: platform certificates not refreshed at start: answer: GET \/v3\/certificates failed: /)]);
    } finally {
      errors.mockRestore();
    }
  });

  it("a renewed certificate: the order query meets its serial, the console downloads and stores it, and the query succeeds", async () => {
    expect((await queryTheOrder()).order.out_order_no).toBe(ORDER);
    const renewed = await rotate();
    const result = await queryTheOrder();
    expect(result.order.out_order_no).toBe(ORDER);
    expect(await h.db.select().from(platformCertificate)).toMatchObject([{ profileId: PROFILE, serialNo: renewed }]);
    expect(profiles.getProfile(PROFILE)?.verifiers.has(renewed)).toBe(true);
  });

  it("a notification signed by a certificate the console has not seen yet is verified after a download and stored", async () => {
    const renewed = await rotate();
    await control(`orders/merchant/${PROFILE}/${ORDER}/pay`);
    await expect.poll(() => answered.length).toBe(1);
    expect(answered).toEqual([204]);
    expect(await h.db.select().from(notification).where(eq(notification.outOrderNo, ORDER))).toHaveLength(1);
    expect((await h.db.select().from(platformCertificate).where(eq(platformCertificate.serialNo, renewed))).length).toBe(1);
  });
});
