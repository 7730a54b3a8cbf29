// The sandbox controls' one schema: the panel's input, re-checked by the server action.
import * as z from "zod/mini";
import { ZOutOrderNo } from "../payscore/fields";
import { minLength } from "../zod-length";
import { SANDBOX_USER_ACTIONS } from "./controls";

export const ZSandboxUserAction = z.object({
  profileId: z.string().check(minLength(1)),
  subMchid: z.nullable(z.string().check(minLength(1))),
  outOrderNo: ZOutOrderNo,
  action: z.enum(SANDBOX_USER_ACTIONS),
});
export type TSandboxUserAction = z.input<typeof ZSandboxUserAction>;
