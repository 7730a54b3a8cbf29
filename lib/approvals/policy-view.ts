// What the admin's approval-policy page receives from the server: plain data (ISO times, no rows),
// so its server and client parts share one shape. Read by server/approvals/policy-admin.ts.
import type { TMode } from "../payscore/fields";
import type { ApprovalPolicy } from "./policy";

/** How many history rows the page shows. */
export const POLICY_HISTORY_LIMIT = 100;

/** What saving (or removing) a scope's policy answers. */
export interface SavedPolicy {
  /** false: the scope already had exactly this policy (or none, for a removal); nothing was recorded. */
  changed: boolean;
  policy: ApprovalPolicy | null;
}

/** A scope's own policy and who set it last. */
export interface PolicyState {
  policy: ApprovalPolicy;
  updatedAt: string;
  updatedByName: string;
}

export interface PolicySubMerchantView {
  subMchid: string;
  label: string;
  /** Its own policy (which replaces the profile's), or null: the profile's applies. */
  own: PolicyState | null;
}

export interface PolicyProfileView {
  id: string;
  label: string;
  mode: TMode;
  mchid: string;
  own: PolicyState | null;
  subMerchants: PolicySubMerchantView[];
}

/** A stored policy whose profile or sub-merchant is no longer configured: it applies to nothing. */
export interface UnconfiguredPolicyView extends PolicyState {
  profileId: string;
  subMchid: string;
}

export interface PolicyEventView {
  id: string;
  profileId: string;
  subMchid: string;
  /** The scope's labels as configured now (the ids when it is gone). */
  profileLabel: string;
  subLabel: string | null;
  /** null: there was none (created) / there is none (removed). */
  before: ApprovalPolicy | null;
  after: ApprovalPolicy | null;
  userName: string;
  createdAt: string;
}

export interface PolicyAdminView {
  profiles: PolicyProfileView[];
  unconfigured: UnconfiguredPolicyView[];
  /** Newest first. */
  events: PolicyEventView[];
  /** Whether older history exists beyond `events`. */
  eventsTruncated: boolean;
  /** Active supervisors: the people who can approve (never their own request). */
  supervisors: { id: string; name: string }[];
}
