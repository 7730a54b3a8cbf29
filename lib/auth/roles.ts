// Who may do what: the roles of the console and the capability map every page, action and menu reads.
// Pure and isomorphic (the UI hides what a role cannot do; the server guard enforces the same map).
//
// Decisions:
// - agent (客服): look up orders, modify amounts, complete orders, see an order's trail.
// - supervisor (主管): everything an agent can, plus review/flag changes, approve or reject another
//   person's change that needs four eyes (never their own), and export the trail.
// - admin (管理员): users and merchant profiles. An admin can *view* everything (orders, the trail)
//   but does not move money or review: account administration stays separate from order handling.
//   Someone who needs both gets two accounts.
export const ROLES = ["agent", "supervisor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The role of a user created without one (better-auth admin plugin `defaultRole`). */
export const DEFAULT_ROLE: Role = "agent";

export const CAPABILITIES = [
  "canLookup",
  "canModify",
  "canComplete",
  "canViewTrail",
  "canReview",
  "canApprove",
  "canExport",
  "canManageUsers",
  "canManageProfiles",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const ROLE_MATRIX: Readonly<Record<Role, Readonly<Record<Capability, boolean>>>> = {
  agent: {
    canLookup: true,
    canModify: true,
    canComplete: true,
    canViewTrail: true,
    canReview: false,
    canApprove: false,
    canExport: false,
    canManageUsers: false,
    canManageProfiles: false,
  },
  supervisor: {
    canLookup: true,
    canModify: true,
    canComplete: true,
    canViewTrail: true,
    canReview: true,
    canApprove: true,
    canExport: true,
    canManageUsers: false,
    canManageProfiles: false,
  },
  admin: {
    canLookup: true,
    canModify: false,
    canComplete: false,
    canViewTrail: true,
    canReview: false,
    canApprove: false,
    canExport: true,
    canManageUsers: true,
    canManageProfiles: true,
  },
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** better-auth stores roles as a comma-separated string; the console gives each user exactly one. */
export function parseRole(value: unknown): Role | null {
  if (typeof value !== "string") return null;
  const first = value.split(",")[0]?.trim();
  return isRole(first) ? first : null;
}

export function can(role: Role | null | undefined, capability: Capability): boolean {
  return role ? ROLE_MATRIX[role][capability] : false;
}

/** The roles that hold a capability, e.g. rolesWith("canReview") → ["supervisor"]. */
export function rolesWith(capability: Capability): Role[] {
  return ROLES.filter((role) => ROLE_MATRIX[role][capability]);
}

export function capabilitiesOf(role: Role): Capability[] {
  return CAPABILITIES.filter((capability) => ROLE_MATRIX[role][capability]);
}
