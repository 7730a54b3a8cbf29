"use server";
// The admin's approval-policy action (capability canManageProfiles): authenticate and authorise
// (runAction), parse with the form's own schema (lib/approvals/policy-form.ts), save for a scope the
// configuration knows, and record who (the admin's id and their name as the users table has it now:
// the session is read from the database on every request), when, before and after.
import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/actions/result";
import { ZPolicyForm, type TPolicyFormInput } from "@/lib/approvals/policy-form";
import type { SavedPolicy } from "@/lib/approvals/policy-view";
import { savePolicyAsAdmin } from "@/server/approvals/policy-admin";
import { getPublicProfiles } from "@/server/config/profiles";
import { getDb } from "@/server/db";
import { runAction } from "./run-action";

export async function savePolicyAction(input: TPolicyFormInput): Promise<ActionResult<SavedPolicy>> {
  return runAction("canManageProfiles", ZPolicyForm, input, async (user, submission) => {
    const result = await savePolicyAsAdmin(await getDb(), { id: user.id, name: user.name }, submission, getPublicProfiles());
    if (result.ok && result.data.changed) revalidatePath("/admin/approvals");
    return result;
  });
}
