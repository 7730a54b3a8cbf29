// "Any correct APIv3 client can talk to the sandbox": the third-party wechatpay-axios-plugin,
// configured with the sandbox merchant key and the 微信支付公钥 (PUB_KEY_ID_…), queries and modifies
// orders, verifying every answer's signature with its own code.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Wechatpay } from "wechatpay-axios-plugin";
import { findSeedOrder } from "@/server/sandbox/seed";
import { control, startTestSandbox, type TestSandbox } from "@/server/sandbox/test-support";
import { SANDBOX_PLATFORM_PUBLIC_KEY_ID, type SandboxIdentity } from "@/server/sandbox/world";
import { identityByMode } from "@/server/sandbox/test-support";

interface PluginResponse {
  status: number;
  data: unknown;
}

interface PluginError {
  response?: { status: number; data: unknown };
}

let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
});

afterAll(async () => {
  await t.stop();
});

function clientFor(identity: SandboxIdentity): Wechatpay {
  const key = t.keys.merchants.get(identity.mchid);
  if (!key) throw new Error("no key");
  return new Wechatpay({
    mchid: identity.mchid,
    serial: identity.serial,
    privateKey: readFileSync(key.privateKeyPath, "utf8"),
    certs: { [SANDBOX_PLATFORM_PUBLIC_KEY_ID]: readFileSync(t.keys.platformPublicKeyPath, "utf8") },
    baseURL: `${t.sandbox.url}/`,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  try {
    await promise;
  } catch (error) {
    const response = (error as PluginError).response;
    if (response) return { status: response.status, data: response.data };
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("wechatpay-axios-plugin against the sandbox", () => {
  it("merchant: queries, modifies (200 + order) and gets a PARAM_ERROR", async () => {
    await control(t, "POST", "/__sandbox/reset");
    const merchant = identityByMode("merchant");
    const wxpay = clientFor(merchant);
    const info = findSeedOrder("DEMO-M-HOTEL-PAYING-6");

    const queried = await wxpay
      .chain("v3/payscore/serviceorder")
      .get<unknown, PluginResponse>({ params: { service_id: info.service_id, appid: info.appid, out_order_no: info.out_order_no } });
    expect(queried.status).toBe(200);
    expect(queried.data).toMatchObject({ out_order_no: info.out_order_no, state: "DOING", state_description: "MCH_COMPLETE" });

    const body = {
      appid: info.appid,
      service_id: info.service_id,
      post_payments: [{ name: "酒店房费", amount: 40000, description: "豪华大床房1晚（减免）" }],
      total_amount: 40000,
      reason: "房间噪音，协商减免",
    };
    const modified = await wxpay
      .chain("v3/payscore/serviceorder/{out_order_no}/modify")
      .post<typeof body, PluginResponse>(body, { out_order_no: info.out_order_no });
    expect(modified.status).toBe(200);
    expect(modified.data).toMatchObject({ total_amount: 40000, collection: { state: "USER_PAYING", paying_amount: 40000 } });

    const refused = await failureOf(
      wxpay.chain("v3/payscore/serviceorder/{out_order_no}/modify").post({ ...body, total_amount: 40000 }, { out_order_no: info.out_order_no }),
    );
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ code: "PARAM_ERROR" });
  });

  it("partner: modify answers 204 (empty body, signature verified), query shows the change", async () => {
    await control(t, "POST", "/__sandbox/reset");
    const wxpay = clientFor(identityByMode("partner"));
    const info = findSeedOrder("DEMO-P-EXPRESS-PAYING-3");
    const modified = await wxpay
      .chain("v3/payscore/partner/serviceorder/{out_order_no}/modify")
      .post<Record<string, unknown>, PluginResponse>(
        {
          service_id: info.service_id,
          sub_mchid: info.sub_mchid,
          post_payments: [{ name: "首重费", amount: 1200 }],
          total_amount: 1200,
          reason: "续重费多收，退回",
        },
        { out_order_no: info.out_order_no },
      );
    expect(modified.status).toBe(204);
    const queried = await wxpay
      .chain("v3/payscore/partner/serviceorder")
      .get<unknown, PluginResponse>({ params: { service_id: info.service_id, sub_mchid: info.sub_mchid, out_order_no: info.out_order_no } });
    expect(queried.data).toMatchObject({ sub_mchid: info.sub_mchid, total_amount: 1200 });
  });

  it("rejects an answer whose signature is bad (the plugin's own verifier)", async () => {
    await control(t, "POST", "/__sandbox/reset");
    await control(t, "POST", "/__sandbox/faults", { kind: "bad_signature", once: true });
    const info = findSeedOrder("DEMO-M-HOTEL-PAYING-6");
    const wxpay = clientFor(identityByMode("merchant"));
    await expect(
      wxpay.chain("v3/payscore/serviceorder").get({ params: { service_id: info.service_id, appid: info.appid, out_order_no: info.out_order_no } }),
    ).rejects.toThrow(/EV3_RES_HEADER_SIGNATURE_DIGEST|Verify the response/);
  });
});
