// Length checks that run only on a string or an array. zod's own minLength/maxLength also run after
// a failed type check whenever the value has a `length` property (so that a too-long string still
// reports its length), which lets a forged object such as `{ length: Object.create(null) }` reach
// `length <= max` and throw "Cannot convert object to primitive value" out of safeParse. These give
// the same issues, and a type error alone for anything that is not a string or an array.
import * as z from "zod/mini";

type LengthParams = Parameters<typeof z.maxLength>[1];

function isSized(payload: { value: unknown }): boolean {
  return typeof payload.value === "string" || Array.isArray(payload.value);
}

/** `when` is not among the check's params in zod's types, but it is read from the def on each run. */
function onlyWhenSized<T extends z.core.$ZodCheck>(check: T): T {
  check._zod.def.when = isSized;
  return check;
}

export function maxLength(maximum: number, params?: LengthParams) {
  return onlyWhenSized(z.maxLength(maximum, params));
}

export function minLength(minimum: number, params?: Parameters<typeof z.minLength>[1]) {
  return onlyWhenSized(z.minLength(minimum, params));
}
