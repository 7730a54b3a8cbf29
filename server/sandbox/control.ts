// The sandbox's control API under /__sandbox/ (JSON, unsigned, loopback only): what tests and
// developers use to look inside and to play the user's / WeChat's part.
//
//   GET    /__sandbox/health                      liveness, platform key id, order count
//   GET    /__sandbox/requests[?out_order_no&op&mode&mchid&since]   request log (since = seq)
//   DELETE /__sandbox/requests                    clear the log
//   POST   /__sandbox/reset                       demo orders restored; faults, settings, log cleared
//   GET    /__sandbox/faults                      active faults
//   POST   /__sandbox/faults                      add one (see faults.ts) → 201 {fault}
//   DELETE /__sandbox/faults[/{id}]               remove all / one
//   GET    /__sandbox/settings                    {autoPayAfterMs, autoPayModes}
//   POST   /__sandbox/settings                    change them
//   GET    /__sandbox/notifications[?out_order_no]  notifications sent, with every delivery attempt
//   DELETE /__sandbox/notifications              clear that log (and stop pending retries)
//   GET    /__sandbox/notify                      {baseUrl, urls, timeScale}: where notifications go
//   POST   /__sandbox/notify                      change them
//   GET    /__sandbox/seed                        the demo order list with meanings (seed.ts)
//   GET    /__sandbox/orders[?mode&industry&state&out_order_no&mchid&sub_mchid]   stored records
//   GET    /__sandbox/orders/{out_order_no}       one record
//   POST   /__sandbox/orders/{out_order_no}/{action}          action: confirm | pay | expire | revoke | deducting | amend
//          (amend {total_amount, post_payments?}: a change made outside the console, for drift tests)
//   POST   /__sandbox/orders/{mode}/{identity}/{out_order_no}/{action}
//   GET    /__sandbox/certificates                platform-certificate mode: modes per identity, certificates
//   POST   /__sandbox/certificates                {identities: {"<identity id>": "certificate" | "public_key"}}
//   POST   /__sandbox/certificates/rotate         issue a new platform certificate (see certificates.ts)
//   POST   /__sandbox/certificates/activate       {serial_no}: sign with one issued before
// When an out_order_no exists under several identities, pass mode / mchid / sub_mchid (query or
// JSON body) or use the long form; identity is an identity id (demo-partner), a mchid or a sub_mchid.
import "server-only";
import { z } from "zod";
import { SANDBOX_PLATFORM_PUBLIC_KEY_ID, SANDBOX_IDENTITIES } from "@/server/sandbox/world";
import { UnknownIdentityError, ZActivateInput, ZRotateInput, ZSigningModesInput } from "@/server/sandbox/certificates";
import { ZFaultInput } from "@/server/sandbox/faults";
import { amendOrder, confirmOrder, endOrder, failPayment, payOrder, type ControlResult } from "@/server/sandbox/operations";
import { SEED_ORDERS } from "@/server/sandbox/seed";
import type { SandboxState } from "@/server/sandbox/state";
import { SANDBOX_MODES, type SandboxMode, type SandboxOrderRecord } from "@/server/sandbox/types";

export interface ControlAnswer {
  status: number;
  body: unknown;
}

const ZSettingsInput = z.strictObject({
  autoPayAfterMs: z.int().min(0).max(86_400_000).nullable().optional(),
  autoPayModes: z.array(z.enum(["merchant", "partner", "institution"])).optional(),
});

const ZSelector = z.object({
  mode: z.enum(["merchant", "partner", "institution"]).optional(),
  mchid: z.string().optional(),
  sub_mchid: z.string().optional(),
});

const ZDeductingInput = z.object({ deducting: z.boolean() });

const ZNotifyInput = z.strictObject({
  baseUrl: z.url().nullable().optional(),
  urls: z.record(z.string().min(1).max(64), z.url()).optional(),
  timeScale: z.number().min(0.0001).max(100).optional(),
});

const ZAmendInput = z.object({
  total_amount: z.int().min(0).max(100_000_000),
  post_payments: z
    // The lines as the order holds them (a test copies them from a query): shape only.
    .array(z.looseObject({ name: z.string().min(1), amount: z.int().min(0).optional(), description: z.string().optional(), count: z.int().min(0).optional() }))
    .max(100)
    .optional(),
});

const ACTIONS = ["confirm", "pay", "payment_failed", "expire", "revoke", "deducting", "amend"] as const;
type Action = (typeof ACTIONS)[number];

function isAction(value: string): value is Action {
  return (ACTIONS as readonly string[]).includes(value);
}

function fail(status: number, code: string, message: string, extra?: Record<string, unknown>): ControlAnswer {
  return { status, body: { code, message, ...extra } };
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  if (raw.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

function zodMessage(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`).join("; ");
}

function summarize(record: SandboxOrderRecord) {
  return { ...record, key: `${record.mchid}/${record.sub_mchid ?? "-"}/${record.order.out_order_no}` };
}

/** Resolves an identity segment (identity id, mchid or sub_mchid) of the long form. */
function selectorFromIdentity(mode: SandboxMode, identitySegment: string): { mchid?: string; sub_mchid?: string } | null {
  const identity = SANDBOX_IDENTITIES.find((candidate) => candidate.mode === mode && (candidate.id === identitySegment || candidate.mchid === identitySegment));
  if (identity) return { mchid: identity.mchid };
  const owner = SANDBOX_IDENTITIES.find((candidate) => candidate.mode === mode && candidate.subMerchants.some((sub) => sub.sub_mchid === identitySegment));
  if (owner) return { mchid: owner.mchid, sub_mchid: identitySegment };
  return null;
}

function findRecord(
  state: SandboxState,
  outOrderNo: string,
  selector: { mode?: SandboxMode; mchid?: string; sub_mchid?: string },
): { ok: true; record: SandboxOrderRecord } | { ok: false; answer: ControlAnswer } {
  const candidates = state.store
    .findByOutOrderNo(outOrderNo)
    .filter(
      (record) =>
        (selector.mode === undefined || record.mode === selector.mode) &&
        (selector.mchid === undefined || record.mchid === selector.mchid) &&
        (selector.sub_mchid === undefined || record.sub_mchid === selector.sub_mchid),
    );
  if (candidates.length === 0) return { ok: false, answer: fail(404, "ORDER_NOT_EXIST", `no sandbox order ${outOrderNo} for this selector`) };
  if (candidates.length > 1) {
    return {
      ok: false,
      answer: fail(409, "AMBIGUOUS", `${outOrderNo} exists under several identities; pass mode / mchid / sub_mchid`, {
        candidates: candidates.map((record) => ({ mode: record.mode, mchid: record.mchid, sub_mchid: record.sub_mchid })),
      }),
    };
  }
  return { ok: true, record: candidates[0] as SandboxOrderRecord };
}

function runAction(state: SandboxState, record: SandboxOrderRecord, action: Action, body: unknown): ControlAnswer {
  const now = state.now();
  let result: ControlResult;
  switch (action) {
    case "confirm":
      result = confirmOrder(record, now);
      break;
    case "pay":
      result = payOrder(record, now);
      break;
    case "payment_failed":
      result = failPayment(record, now);
      break;
    case "expire":
      result = endOrder(record, "EXPIRED", now);
      break;
    case "revoke":
      result = endOrder(record, "REVOKED", now);
      break;
    case "deducting": {
      const parsed = ZDeductingInput.safeParse(body);
      if (!parsed.success) return fail(400, "BAD_REQUEST", `expected {"deducting": boolean}: ${zodMessage(parsed.error)}`);
      result = { ok: true, record: { ...record, deducting: parsed.data.deducting, updatedAt: now.toISOString() } };
      break;
    }
    case "amend": {
      const parsed = ZAmendInput.safeParse(body);
      if (!parsed.success) return fail(400, "BAD_REQUEST", `expected {"total_amount": int, "post_payments"?: [...]}: ${zodMessage(parsed.error)}`);
      result = amendOrder(record, parsed.data, now);
      break;
    }
  }
  if (!result.ok) return fail(409, result.code, result.message);
  state.store.put(result.record);
  // The user confirmed or paid through WeChat: the merchant is told (Decision 21).
  const event = action === "confirm" ? "PAYSCORE.USER_CONFIRM" : action === "pay" ? "PAYSCORE.USER_PAID" : null;
  const notification = event ? state.notifier.notify(result.record, event) : null;
  return { status: 200, body: { order: summarize(result.record), ...(notification ? { notification } : {}) } };
}

export function handleControl(
  state: SandboxState,
  args: { method: string; pathname: string; searchParams: URLSearchParams; rawBody: string; url: string },
): ControlAnswer | Promise<ControlAnswer> {
  const { method, searchParams } = args;
  const segments = args.pathname
    .replace(/^\/__sandbox\/?/, "")
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  const json = parseJson(args.rawBody);
  if (!json.ok) return fail(400, "BAD_REQUEST", "body is not JSON");
  const body = json.value;
  const query = (key: string): string | undefined => searchParams.get(key) ?? undefined;
  const [head, ...rest] = segments;

  if (head === "health" && method === "GET" && rest.length === 0) {
    return {
      status: 200,
      body: {
        ok: true,
        url: args.url,
        platformPublicKeyId: SANDBOX_PLATFORM_PUBLIC_KEY_ID,
        platformPublicKeyPath: state.keys.platformPublicKeyPath,
        orders: state.store.size,
        dataFile: state.dataFile,
        startedAt: state.startedAt,
        now: state.now().toISOString(),
      },
    };
  }

  if (head === "requests" && rest.length === 0) {
    if (method === "GET") {
      const since = query("since");
      return {
        status: 200,
        body: {
          requests: state.log.list({
            out_order_no: query("out_order_no"),
            op: query("op"),
            mode: query("mode"),
            mchid: query("mchid"),
            sinceSeq: since !== undefined && /^\d+$/.test(since) ? Number(since) : undefined,
          }),
          lastSeq: state.log.lastSeq,
        },
      };
    }
    if (method === "DELETE") {
      state.log.clear();
      return { status: 200, body: { ok: true } };
    }
  }

  if (head === "notifications" && rest.length === 0) {
    if (method === "GET") return { status: 200, body: { notifications: state.notifier.list({ out_order_no: query("out_order_no") }) } };
    if (method === "DELETE") {
      state.notifier.clear();
      return { status: 200, body: { ok: true } };
    }
  }

  if (head === "notify" && rest.length === 0) {
    if (method === "GET") return { status: 200, body: state.notifier.settings };
    if (method === "POST") {
      const parsed = ZNotifyInput.safeParse(body);
      if (!parsed.success) return fail(400, "BAD_REQUEST", zodMessage(parsed.error));
      const current = state.notifier.settings;
      state.notifier.settings = {
        baseUrl: parsed.data.baseUrl === undefined ? current.baseUrl : parsed.data.baseUrl,
        urls: parsed.data.urls ?? current.urls,
        timeScale: parsed.data.timeScale ?? current.timeScale,
      };
      return { status: 200, body: state.notifier.settings };
    }
  }

  if (head === "reset" && method === "POST" && rest.length === 0) {
    state.reset();
    return { status: 200, body: { ok: true, orders: state.store.size } };
  }

  if (head === "faults") {
    if (rest.length === 0 && method === "GET") return { status: 200, body: { faults: state.faults.list() } };
    if (rest.length === 0 && method === "POST") {
      const parsed = ZFaultInput.safeParse(body);
      if (!parsed.success) return fail(400, "BAD_REQUEST", zodMessage(parsed.error));
      return { status: 201, body: { fault: state.faults.add(parsed.data) } };
    }
    if (rest.length === 0 && method === "DELETE") {
      state.faults.clear();
      return { status: 200, body: { ok: true } };
    }
    if (rest.length === 1 && method === "DELETE") {
      return state.faults.remove(rest[0] as string) ? { status: 200, body: { ok: true } } : fail(404, "NOT_FOUND", "no such fault");
    }
  }

  if (head === "settings" && rest.length === 0) {
    if (method === "GET") return { status: 200, body: { settings: state.settings } };
    if (method === "POST") {
      const parsed = ZSettingsInput.safeParse(body);
      if (!parsed.success) return fail(400, "BAD_REQUEST", zodMessage(parsed.error));
      const next = { ...state.settings };
      if (parsed.data.autoPayAfterMs !== undefined) next.autoPayAfterMs = parsed.data.autoPayAfterMs;
      if (parsed.data.autoPayModes !== undefined) next.autoPayModes = parsed.data.autoPayModes;
      state.settings = next;
      return { status: 200, body: { settings: state.settings } };
    }
  }

  if (head === "certificates") {
    const answer = handleCertificates(state, method, rest, body);
    if (answer) return answer;
  }

  if (head === "seed" && method === "GET" && rest.length === 0) {
    return { status: 200, body: { orders: SEED_ORDERS } };
  }

  if (head === "orders") {
    if (rest.length === 0 && method === "GET") {
      const orders = state.store
        .list()
        .filter(
          (record) =>
            (query("mode") === undefined || record.mode === query("mode")) &&
            (query("industry") === undefined || record.industry === query("industry")) &&
            (query("state") === undefined || record.order.state === query("state")) &&
            (query("out_order_no") === undefined || record.order.out_order_no === query("out_order_no")) &&
            (query("mchid") === undefined || record.mchid === query("mchid")) &&
            (query("sub_mchid") === undefined || record.sub_mchid === query("sub_mchid")),
        )
        .map(summarize);
      return { status: 200, body: { orders } };
    }

    const bodySelector = ZSelector.safeParse(body);
    const selectorFromQuery = ZSelector.safeParse({ mode: query("mode"), mchid: query("mchid"), sub_mchid: query("sub_mchid") });
    if (!selectorFromQuery.success) return fail(400, "BAD_REQUEST", zodMessage(selectorFromQuery.error));
    const selector = { ...selectorFromQuery.data, ...(bodySelector.success ? stripUndefined(bodySelector.data) : {}) };

    if (rest.length === 1 && method === "GET") {
      const found = findRecord(state, rest[0] as string, selector);
      return found.ok ? { status: 200, body: { order: summarize(found.record) } } : found.answer;
    }
    if (rest.length === 2 && method === "POST" && isAction(rest[1] as string)) {
      const found = findRecord(state, rest[0] as string, selector);
      return found.ok ? runAction(state, found.record, rest[1] as Action, body) : found.answer;
    }
    if (rest.length === 4 && method === "POST" && isAction(rest[3] as string)) {
      const [modeSegment, identitySegment, outOrderNo] = rest as [string, string, string, string];
      if (!(SANDBOX_MODES as readonly string[]).includes(modeSegment)) return fail(404, "NOT_FOUND", `unknown mode ${modeSegment}`);
      const mode = modeSegment as SandboxMode;
      const ids = selectorFromIdentity(mode, identitySegment);
      if (!ids) return fail(404, "NOT_FOUND", `unknown ${mode} identity ${identitySegment}`);
      const found = findRecord(state, outOrderNo, { mode, ...ids });
      return found.ok ? runAction(state, found.record, rest[3] as Action, body) : found.answer;
    }
  }

  return fail(404, "NOT_FOUND", `no control endpoint ${method} ${args.pathname}`);
}

function stripUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The platform-certificate endpoints (async: certificates are made on first use). Null: no such endpoint. */
function handleCertificates(state: SandboxState, method: string, rest: string[], body: unknown): Promise<ControlAnswer> | null {
  const { certificates } = state;
  const run = async (work: () => Promise<ControlAnswer>): Promise<ControlAnswer> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UnknownIdentityError) return fail(404, "NOT_FOUND", error.message);
      throw error;
    }
  };
  if (rest.length === 0 && method === "GET") {
    return run(async () => {
      if (certificates.isInUse) await certificates.ready();
      return { status: 200, body: certificates.describe() };
    });
  }
  if (rest.length === 0 && method === "POST") {
    const parsed = ZSigningModesInput.safeParse(body);
    if (!parsed.success) return Promise.resolve(fail(400, "BAD_REQUEST", zodMessage(parsed.error)));
    return run(async () => {
      await certificates.setModes(parsed.data.identities);
      return { status: 200, body: certificates.describe() };
    });
  }
  if (rest.length === 1 && rest[0] === "rotate" && method === "POST") {
    const parsed = ZRotateInput.safeParse(body);
    if (!parsed.success) return Promise.resolve(fail(400, "BAD_REQUEST", zodMessage(parsed.error)));
    return run(async () => {
      const issued = await certificates.rotate(parsed.data);
      return {
        status: 201,
        body: { certificate: { serial_no: issued.serial, issuer: issued.issuer, pem: issued.pem, notBefore: issued.notBefore.toISOString(), notAfter: issued.notAfter.toISOString() } },
      };
    });
  }
  if (rest.length === 1 && rest[0] === "activate" && method === "POST") {
    const parsed = ZActivateInput.safeParse(body);
    if (!parsed.success) return Promise.resolve(fail(400, "BAD_REQUEST", zodMessage(parsed.error)));
    return run(async () =>
      (await certificates.activate(parsed.data.serial_no)) ? { status: 200, body: certificates.describe() } : fail(404, "NOT_FOUND", `no certificate ${parsed.data.serial_no}`),
    );
  }
  return null;
}
