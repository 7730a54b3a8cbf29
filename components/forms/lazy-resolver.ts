// A react-hook-form resolver that fetches its schema on the first validation instead of with the
// page. The forms validate on submit (mode "onSubmit"), so zod and the form schemas are not needed
// to render or hydrate them: they load when the user first focuses the form (preload) or, at the
// latest, when the form is first submitted. A failed load is not cached: the next validation tries
// again. It rejects with SchemaUnavailableError, which `whenSchemaUnavailable` turns into the
// form's own "nothing was sent" message.
import type { BaseSyntheticEvent } from "react";
import type { FieldValues, Resolver } from "react-hook-form";

/** The schema's chunk could not be fetched: nothing was checked, so nothing was sent. */
export class SchemaUnavailableError extends Error {
  override readonly name = "SchemaUnavailableError";
}

export type LazyResolver<TIn extends FieldValues, TOut> = Resolver<TIn, unknown, TOut> & {
  /** Start loading now (e.g. when the agent focuses the form); errors are left to the validation. */
  preload(): void;
};

export function lazyResolver<TIn extends FieldValues, TOut>(load: () => Promise<Resolver<TIn, unknown, TOut>>): LazyResolver<TIn, TOut> {
  let loading: Promise<Resolver<TIn, unknown, TOut>> | null = null;
  const loaded = () => {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw new SchemaUnavailableError("The form's schema could not be loaded", { cause: error });
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

/**
 * A form's submit handler (react-hook-form's `handleSubmit(...)`) whose resolver may be lazy: a
 * schema that could not be fetched goes to `onUnavailable`; any other failure is left as it was.
 */
export function whenSchemaUnavailable<E extends BaseSyntheticEvent>(
  submit: (event?: E) => Promise<void>,
  onUnavailable: () => void,
): (event?: E) => Promise<void> {
  return (event) =>
    submit(event).catch((error: unknown) => {
      if (!(error instanceof SchemaUnavailableError)) throw error;
      onUnavailable();
    });
}
