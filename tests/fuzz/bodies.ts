// The Payscore request bodies, described once per operation and mode: the valid generator and the
// places a defect can go both come from that description.
import fc from "fast-check";
import type * as z from "zod/mini";
import { ZCompleteInstitutionBody, ZCompleteMerchantBody, ZCompletePartnerBody } from "@/lib/payscore/complete";
import { ZModifyInstitutionBody, ZModifyMerchantBody, ZModifyPartnerBody } from "@/lib/payscore/modify";
import { BAD_BOOL, BAD_FEN, BAD_ID, BAD_ISO, BAD_TIME, FEN, HOSTILE_KEY, ID, ISO_TIME, NOT_A_STRING, PAYSCORE_TIME, POLLUTERS, badIntArb, badTextArb, textArb } from "./arbitraries";
import { type Obj, type Path, clone, defineKey, deleteAt, getAt, setAt } from "./paths";

type Leaf =
  | { kind: "text"; max: number }
  | { kind: "id" }
  | { kind: "fen" }
  | { kind: "int"; min: number; max: number | null }
  | { kind: "bool" }
  | { kind: "time" }
  | { kind: "iso" };
type Field = Leaf | { kind: "object"; shape: Shape } | { kind: "list"; item: Shape; min: number; max: number };
type Shape = Record<string, { field: Field; required: boolean }>;

const req = (field: Field) => ({ field, required: true });
const opt = (field: Field) => ({ field, required: false });
const text = (max: number): Leaf => ({ kind: "text", max });
const id: Leaf = { kind: "id" };
const fen: Leaf = { kind: "fen" };
const int = (min: number, max: number | null): Leaf => ({ kind: "int", min, max });
const object = (shape: Shape): Field => ({ kind: "object", shape });
const list = (item: Shape, min: number, max: number): Field => ({ kind: "list", item, min, max });

const PAYMENT: Shape = { name: req(text(20)), amount: opt(fen), description: opt(text(30)), count: opt(int(1, 100)) };
const DISCOUNT: Shape = { name: req(text(20)), description: opt(text(30)), amount: req(fen), count: opt(int(1, null)) };
const DISCOUNT_WITH_DESCRIPTION: Shape = { ...DISCOUNT, description: req(text(30)) };
const DEVICE: Shape = { start_device_id: opt(text(32)), end_device_id: opt(text(32)), materiel_no: opt(text(32)) };
const TIME_RANGE: Shape = {
  start_time: opt({ kind: "time" }),
  start_time_remark: opt(text(20)),
  end_time: opt({ kind: "time" }),
  end_time_remark: opt(text(20)),
};
const LOCATION: Shape = { start_location: opt(text(50)), end_location: opt(text(50)) };
const LINES = {
  post_payments: req(list(PAYMENT, 1, 100)),
  total_amount: req(fen),
};

export interface BodySpec {
  name: string;
  schema: z.ZodMiniType;
  shape: Shape;
}

export const BODIES: BodySpec[] = [
  {
    name: "modify/merchant",
    schema: ZModifyMerchantBody,
    shape: { appid: req(id), service_id: req(id), ...LINES, post_discounts: opt(list(DISCOUNT, 0, 30)), reason: req(text(50)), device: opt(object(DEVICE)) },
  },
  {
    name: "modify/partner",
    schema: ZModifyPartnerBody,
    shape: {
      service_id: opt(id),
      sub_mchid: req(id),
      ...LINES,
      post_discounts: opt(list(DISCOUNT_WITH_DESCRIPTION, 0, 30)),
      reason: req(text(50)),
      device: opt(object(DEVICE)),
    },
  },
  {
    name: "modify/institution",
    schema: ZModifyInstitutionBody,
    shape: {
      service_id: req(id),
      sub_mchid: req(id),
      channel_id: opt(id),
      ...LINES,
      post_discounts: opt(list(DISCOUNT_WITH_DESCRIPTION, 0, 30)),
      reason: req(text(50)),
    },
  },
  {
    name: "complete/merchant",
    schema: ZCompleteMerchantBody,
    shape: {
      appid: req(id),
      service_id: req(id),
      ...LINES,
      post_discounts: opt(list(DISCOUNT, 0, 30)),
      time_range: opt(object(TIME_RANGE)),
      location: opt(object({ end_location: opt(text(50)) })),
      profit_sharing: opt({ kind: "bool" }),
      goods_tag: opt(text(32)),
      device: opt(object(DEVICE)),
    },
  },
  {
    name: "complete/partner",
    schema: ZCompletePartnerBody,
    shape: {
      service_id: req(id),
      sub_mchid: req(id),
      ...LINES,
      post_discounts: opt(list(DISCOUNT_WITH_DESCRIPTION, 0, 30)),
      time_range: opt(object(TIME_RANGE)),
      location: opt(object(LOCATION)),
      profit_sharing: opt({ kind: "bool" }),
      complete_time: opt({ kind: "iso" }),
      goods_tag: opt(text(32)),
      device: opt(object(DEVICE)),
    },
  },
  {
    name: "complete/institution",
    schema: ZCompleteInstitutionBody,
    shape: {
      service_id: req(id),
      channel_id: opt(id),
      sub_mchid: req(id),
      ...LINES,
      post_discounts: opt(list(DISCOUNT_WITH_DESCRIPTION, 0, 30)),
      time_range: opt(object({ ...TIME_RANGE, start_time: req({ kind: "time" }) })),
      location: opt(object(LOCATION)),
      profit_sharing: opt({ kind: "bool" }),
      complete_time: opt({ kind: "iso" }),
      goods_tag: opt(text(32)),
    },
  },
];

function fieldArb(field: Field): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case "text":
      return textArb(1, field.max);
    case "id":
      return ID;
    case "fen":
      return FEN;
    case "int":
      return field.max === null ? fc.oneof(fc.integer({ min: field.min, max: 10_000 }), fc.constant(Number.MAX_SAFE_INTEGER)) : fc.integer({ min: field.min, max: field.max });
    case "bool":
      return fc.boolean();
    case "time":
      return PAYSCORE_TIME;
    case "iso":
      return ISO_TIME;
    case "object":
      return shapeArb(field.shape);
    case "list": {
      const item = shapeArb(field.item);
      // Mostly short lists, sometimes exactly at the limit (100 lines, 30 discounts).
      return fc.oneof(
        { weight: 9, arbitrary: fc.array(item, { minLength: field.min, maxLength: field.max }) },
        { weight: 1, arbitrary: fc.array(item, { minLength: field.max, maxLength: field.max }) },
      );
    }
  }
}

export function shapeArb(shape: Shape): fc.Arbitrary<Obj> {
  const entries = Object.entries(shape);
  return fc.record(Object.fromEntries(entries.map(([key, entry]) => [key, fieldArb(entry.field)])), {
    requiredKeys: entries.filter(([, entry]) => entry.required).map(([key]) => key),
  });
}

type Site =
  | { type: "leaf"; at: Path; field: Leaf }
  | { type: "object"; at: Path; shape: Shape }
  | { type: "required"; at: Path }
  | { type: "list"; at: Path; field: Extract<Field, { kind: "list" }>; length: number };

function sitesOf(shape: Shape, value: Obj, at: Path): Site[] {
  const sites: Site[] = [{ type: "object", at, shape }];
  for (const [key, entry] of Object.entries(shape)) {
    if (!Object.hasOwn(value, key)) continue;
    const here = [...at, key];
    if (entry.required) sites.push({ type: "required", at: here });
    const field = entry.field;
    const current = value[key];
    if (field.kind === "object") sites.push(...sitesOf(field.shape, current as Obj, here));
    else if (field.kind === "list") {
      const items = current as Obj[];
      sites.push({ type: "list", at: here, field, length: items.length });
      items.forEach((item, index) => sites.push(...sitesOf(field.item, item, [...here, index])));
    } else sites.push({ type: "leaf", at: here, field });
  }
  return sites;
}

export interface Defect {
  label: string;
  /** Where the refusal must point (an issue path starting with it). */
  at: Path;
  apply(target: Obj): void;
}

function badLeafArb(field: Leaf): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case "text":
      return badTextArb(field.max);
    case "id":
      return BAD_ID;
    case "fen":
      return BAD_FEN;
    case "int":
      return badIntArb(field.min, field.max);
    case "bool":
      return BAD_BOOL;
    case "time":
      return BAD_TIME;
    case "iso":
      return BAD_ISO;
  }
}

function defectArb(site: Site): fc.Arbitrary<Defect> {
  const { at } = site;
  switch (site.type) {
    case "leaf":
      return badLeafArb(site.field).map((value) => ({ label: `bad ${site.field.kind}`, at, apply: (target) => setAt(target, at, value) }));
    case "required":
      return fc.constant({ label: "missing", at, apply: (target: Obj) => deleteAt(target, at) });
    case "object": {
      const unknownKey = fc
        .tuple(HOSTILE_KEY.filter((key) => !Object.hasOwn(site.shape, key)), fc.oneof(NOT_A_STRING, fc.string()))
        .map(([key, value]): Defect => ({
          label: `unknown key ${JSON.stringify(key)}`,
          at: [...at, key],
          apply: (target) => defineKey(at.length === 0 ? target : (getAt(target, at) as object), key, value),
        }));
      if (at.length === 0) return unknownKey;
      const notAnObject = fc
        .constantFrom<unknown>(null, "x", 1, [], true, [{}])
        .map((value): Defect => ({ label: "not an object", at, apply: (target) => setAt(target, at, value) }));
      return fc.oneof(unknownKey, notAnObject);
    }
    case "list": {
      const options: fc.Arbitrary<Defect>[] = [
        fc
          .constantFrom<unknown>(null, "lines", 1, {}, JSON.parse('{"__proto__": []}'))
          .map((value): Defect => ({ label: "not a list", at, apply: (target) => setAt(target, at, value) })),
      ];
      if (site.field.min > 0) options.push(fc.constant({ label: "empty list", at, apply: (target: Obj) => setAt(target, at, []) }));
      if (site.length > 0) {
        options.push(
          fc.constant({
            label: `${site.field.max + 1} items`,
            at,
            apply: (target: Obj) => {
              const items = getAt(target, at) as unknown[];
              setAt(target, at, Array.from({ length: site.field.max + 1 }, (_, i) => clone(items[i % items.length])));
            },
          }),
          fc.tuple(fc.nat(site.length - 1), fc.oneof(NOT_A_STRING, fc.string())).map(
            ([index, value]): Defect => ({ label: "junk item", at: [...at, index], apply: (target) => setAt(target, [...at, index], value) }),
          ),
        );
      }
      return fc.oneof(...options);
    }
  }
}

export function defectiveBodyArb(spec: BodySpec): fc.Arbitrary<{ body: Obj; defect: Defect }> {
  return shapeArb(spec.shape).chain((body) =>
    fc.constantFrom(...sitesOf(spec.shape, body, [])).chain((site) => defectArb(site).map((defect) => ({ body, defect }))),
  );
}

export function junkArb(spec: BodySpec): fc.Arbitrary<unknown> {
  const anything = fc.anything({
    key: HOSTILE_KEY,
    maxDepth: 4,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
  });
  const shaped = fc.record(Object.fromEntries(Object.keys(spec.shape).map((key) => [key, anything])), { requiredKeys: [] });
  return fc.oneof(anything, shaped, fc.constantFrom(...POLLUTERS));
}
