// A react-hook-form resolver that fetches its schema on the first validation instead of with the
// page. The order forms validate on submit only (mode "onSubmit"), so zod and the form schemas are
// not needed to render or hydrate them: they load when the agent first focuses the form (preload)
// or, at the latest, when the form is first submitted. A failed load is not cached: the next
// validation tries again.
import type { FieldValues, Resolver } from "react-hook-form";

export type LazyResolver<TIn extends FieldValues, TOut> = Resolver<TIn, unknown, TOut> & {
  /** Start loading now (e.g. when the agent focuses the form); errors are left to the validation. */
  preload(): void;
};

export function lazyResolver<TIn extends FieldValues, TOut>(load: () => Promise<Resolver<TIn, unknown, TOut>>): LazyResolver<TIn, TOut> {
  let loading: Promise<Resolver<TIn, unknown, TOut>> | null = null;
  const loaded = () => {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
  const resolver: Resolver<TIn, unknown, TOut> = async (values, context, options) => (await loaded())(values, context, options);
  return Object.assign(resolver, {
    preload() {
      loaded().catch(() => undefined);
    },
  });
}
