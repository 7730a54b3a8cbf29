// Secrets stay on the server and out of the logs; every page carries the security headers.
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { fenToInput } from "@/lib/orders/amount-form";
import type { OrderSnapshotResult } from "@/lib/orders/snapshot";
import { postServerAction } from "./support/actions";
import { signInApi, startApp, startSandboxProcess, stopGracefully, waitForSandbox, waitUntilServing } from "./support/app-process";
import { APP_PORT, DATA_DIR, DEMO_PASSWORD, DIST_DIR, storageStatePath } from "./support/env";

/** Distinctive slices of every PEM body under the sandbox key folder (the demo keys). */
function pemFingerprints(dataDir: string = DATA_DIR): string[] {
  const dir = path.join(dataDir, "sandbox", "keys");
  const slices: string[] = [];
  for (const file of readdirSync(dir)) {
    const body = readFileSync(path.join(dir, file), "utf8")
      .split("\n")
      .filter((line) => line && !line.startsWith("-----"))
      .join("");
    // A short secret (an APIv3 key: 32 characters) whole; of a PEM key, three 40-character slices
    // from different places: any leak shows at least one.
    if (body.length < 160) {
      if (body.length > 0) slices.push(body);
      continue;
    }
    for (const at of [40, Math.floor(body.length / 2), body.length - 80]) slices.push(body.slice(at, at + 40));
  }
  return slices;
}

function secretValues(): string[] {
  const secrets = [...pemFingerprints(), DEMO_PASSWORD];
  const authSecret = path.join(DATA_DIR, "auth-secret");
  try {
    secrets.push(readFileSync(authSecret, "utf8").trim());
  } catch {
    // no generated secret (BETTER_AUTH_SECRET from the environment)
  }
  return secrets.filter((secret) => secret.length >= 16);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test.describe("[SECURITY]", () => {
  test.use({ storageState: storageStatePath("agent") });

  test("[SECURITY][HEADERS]: every page answers with CSP (nonce, frame-ancestors 'none'), nosniff and a referrer policy", async ({ request }) => {
    for (const pagePath of ["/login", "/orders", "/orders/demo-merchant/DEMO-M-HOTEL-PAID-1"]) {
      const response = await request.get(pagePath);
      expect(response.status(), pagePath).toBe(200);
      const headers = response.headers();
      expect(headers["content-security-policy"], pagePath).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(headers["content-security-policy"], pagePath).toContain("frame-ancestors 'none'");
      expect(headers["x-content-type-options"], pagePath).toBe("nosniff");
      expect(headers["referrer-policy"], pagePath).toBe("strict-origin-when-cross-origin");
      expect(headers["x-frame-options"], pagePath).toBe("DENY");
    }
    const api = await request.get("/api/orders/demo-merchant/DEMO-M-HOTEL-PAID-1");
    expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  });

  test("[SECURITY][CSP]: the order page runs under its CSP without a single violation", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
    });
    // A confirmed order: its complete form is a chunk of its own, loaded by the page's scripts.
    await page.goto("/orders/demo-merchant/DEMO-M-HOTEL-READY-2");
    await expect(page.getByRole("button", { name: "核对并完结订单" })).toBeEnabled();
    // Client JavaScript is running: the refresh button refetches the order.
    await page.getByRole("button", { name: "刷新" }).click();
    await expect(page.getByText(/更新于/)).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("[SECURITY][BUNDLE]: no key material, password or auth secret in the client bundle or in what pages serve", async ({ page }) => {
    const secrets = secretValues();
    expect(secrets.length).toBeGreaterThanOrEqual(13);
    const staticDir = path.join(DIST_DIR, "static");
    for (const file of filesUnder(staticDir)) {
      const text = readFileSync(file, "latin1");
      for (const secret of secrets) expect(text.includes(secret), `${file} holds a secret`).toBe(false);
    }
    const served: string[] = [];
    page.on("response", async (response) => {
      if (/\.(js|css|html)$|text\/html|javascript/.test(response.headers()["content-type"] ?? response.url())) {
        served.push(await response.text().catch(() => ""));
      }
    });
    for (const pagePath of ["/orders", "/orders/demo-merchant/DEMO-M-HOTEL-PAYING-1", "/orders/demo-partner/DEMO-P-EXPRESS-READY-1?sub=1900001204"]) {
      await page.goto(pagePath);
      await page.waitForLoadState("networkidle");
    }
    expect(served.length).toBeGreaterThan(5);
    for (const text of served) for (const secret of secrets) expect(text.includes(secret)).toBe(false);
  });
});

test("[SECURITY][LOGS]: a sign-in and a modify leave no key, signature, password or session token in the logs", async ({ playwright }) => {
  test.setTimeout(120_000);
  const dir = `${DATA_DIR}-logs`;
  rmSync(dir, { recursive: true, force: true });
  const request = await playwright.request.newContext();
  // Its own sandbox and data folder (keys, auth secret): nothing shared with the other tests.
  const sandboxPort = APP_PORT + 1103;
  const sandbox = startSandboxProcess(sandboxPort, dir);
  // The server's own debug switches on, to be sure even verbose logging is clean.
  const app = startApp(APP_PORT + 102, `${dir}/pglite`, { DATA_DIR: dir, SANDBOX_PORT: String(sandboxPort), DEBUG: "better-auth:*" });
  try {
    await waitForSandbox(sandbox, request);
    await waitUntilServing(app, request);
    await signInApi(request, app.url, "agent");
    const cookies = await request.storageState();
    const sessionToken = cookies.cookies.find((cookie) => cookie.name.includes("session_token"))?.value;
    expect(sessionToken).toBeTruthy();
    const order = "DEMO-M-HOTEL-PAYING-2";
    const snapshot = (await (await request.get(`${app.url}/api/orders/demo-merchant/${order}`)).json()) as OrderSnapshotResult;
    if (!snapshot.ok) throw new Error("order query failed");
    const basedOn = snapshot.snapshot.order;
    const payments = (basedOn.post_payments ?? []).map((line) => ({
      name: line.name,
      amount: line.name === "酒店房费" ? "66.00" : fenToInput(line.amount),
      description: line.description ?? "",
      count: line.count === undefined ? "" : String(line.count),
    }));
    const answer = await postServerAction(
      request,
      "server/actions/orders.ts",
      "modifyOrderAction",
      [
        {
          profileId: "demo-merchant", subMchid: "", outOrderNo: order, idempotencyKey: randomUUID(), basedOn, industry: "hotel",
          payments, discounts: [], total: "", reasonCategory: "user_complaint", reasonText: "日志检查", internalNote: "",
          device: { start_device_id: "", end_device_id: "", materiel_no: "" },
        },
      ],
      { baseUrl: app.url },
    );
    expect(answer.text).toContain('"ok":true');
    await stopGracefully(app);
    const log = app.output();
    expect(log.length).toBeGreaterThan(0);
    for (const secret of [...pemFingerprints(dir), DEMO_PASSWORD, sessionToken as string]) expect(log.includes(secret)).toBe(false);
    expect(log).not.toMatch(/WECHATPAY2-SHA256-RSA2048|signature="/);
  } finally {
    await stopGracefully(app);
    await stopGracefully(sandbox);
    await request.dispose();
  }
});
