import { describe, expect, it, vi } from "vitest";
import type { Resolver, ResolverOptions } from "react-hook-form";
import { SchemaUnavailableError, lazyResolver, whenSchemaUnavailable } from "./lazy-resolver";
import { modifyFormResolver } from "@/components/orders/modify-form-resolver";

type Values = { amount: string };
const options = { fields: {}, shouldUseNativeValidation: undefined } as ResolverOptions<Values>;

describe("lazyResolver", () => {
  it("loads nothing until the first validation, then loads once and delegates", async () => {
    const inner = vi.fn<Resolver<Values, unknown, { fen: number }>>(async (values) => ({ values: { fen: Number(values.amount) * 100 }, errors: {} }));
    const load = vi.fn(async () => inner);
    const resolver = lazyResolver(load);
    expect(load).not.toHaveBeenCalled();

    const first = await resolver({ amount: "2" }, "ctx", options);
    const second = await resolver({ amount: "3" }, undefined, options);
    expect(first).toEqual({ values: { fen: 200 }, errors: {} });
    expect(second).toEqual({ values: { fen: 300 }, errors: {} });
    expect(load).toHaveBeenCalledTimes(1);
    expect(inner).toHaveBeenNthCalledWith(1, { amount: "2" }, "ctx", options);
  });

  it("preload starts the load once; the validation then reuses it", async () => {
    const inner: Resolver<Values, unknown, Values> = async (values) => ({ values, errors: {} });
    const load = vi.fn(async () => inner);
    const resolver = lazyResolver(load);
    resolver.preload();
    resolver.preload();
    expect(load).toHaveBeenCalledTimes(1);
    await expect(resolver({ amount: "1" }, undefined, options)).resolves.toEqual({ values: { amount: "1" }, errors: {} });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("does not keep a failed load: the next validation loads again", async () => {
    const inner: Resolver<Values, unknown, Values> = async (values) => ({ values, errors: {} });
    const load = vi.fn<() => Promise<typeof inner>>().mockRejectedValueOnce(new Error("chunk load failed")).mockResolvedValue(inner);
    const resolver = lazyResolver(load);
    resolver.preload(); // a failed preload is silent
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(resolver({ amount: "1" }, undefined, options)).resolves.toEqual({ values: { amount: "1" }, errors: {} });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("gives the modify form the same answer as the schema resolver it loads", async () => {
    const resolver = lazyResolver(() => import("@/components/orders/modify-form-resolver").then((module) => module.modifyFormResolver));
    const invalid = {} as Parameters<typeof modifyFormResolver>[0];
    const opts = { fields: {}, shouldUseNativeValidation: undefined } as Parameters<typeof modifyFormResolver>[2];
    const lazy = await resolver(invalid, undefined, opts);
    const direct = await modifyFormResolver(invalid, undefined, opts);
    expect(Object.keys(lazy.errors).length).toBeGreaterThan(0);
    expect(lazy).toEqual(direct);
  });

  it("a failed load rejects with SchemaUnavailableError, keeping the cause", async () => {
    const cause = new Error("chunk load failed");
    const resolver = lazyResolver<Values, Values>(() => Promise.reject(cause));
    const failure = await Promise.resolve(resolver({ amount: "1" }, undefined, options)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(SchemaUnavailableError);
    expect((failure as Error).cause).toBe(cause);
  });
});

describe("whenSchemaUnavailable", () => {
  it("hands a schema that could not be loaded to the form, and nothing else", async () => {
    const onUnavailable = vi.fn();
    await whenSchemaUnavailable(() => Promise.reject(new SchemaUnavailableError("no chunk")), onUnavailable)();
    expect(onUnavailable).toHaveBeenCalledTimes(1);

    const other = new Error("the server action failed");
    await expect(whenSchemaUnavailable(() => Promise.reject(other), onUnavailable)()).rejects.toBe(other);
    await whenSchemaUnavailable(() => Promise.resolve(), onUnavailable)();
    expect(onUnavailable).toHaveBeenCalledTimes(1);
  });
});
