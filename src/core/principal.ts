/** Who is calling: a signed-in person, an integration's API token, or nobody. */
export type Role = 'secretariat' | 'member' | 'provider' | 'student' | 'reviewer' | 'relocation-guide';
/** Roles not tied to an organisation; `relocation-guide` is the inflyttarlots who works move cases (src/recruitment). */
export type GlobalRole = 'secretariat' | 'student' | 'reviewer' | 'relocation-guide';
export const GLOBAL_ROLES = [
  'secretariat',
  'student',
  'reviewer',
  'relocation-guide',
] as const satisfies readonly GlobalRole[];
export type MembershipRole = 'member' | 'provider';

export interface Membership {
  organisationId: string;
  organisationName: string;
  role: MembershipRole;
}

export interface UserPrincipal {
  kind: 'user';
  userId: string;
  email: string;
  name: string;
  sessionId: string;
  roles: GlobalRole[];
  memberships: Membership[];
}

export const SCOPES = ['organisations:read', 'organisations:write', 'audit:read'] as const;
export type Scope = (typeof SCOPES)[number];

export interface TokenPrincipal {
  kind: 'token';
  tokenId: string;
  name: string;
  scopes: Scope[];
}

export type Principal = UserPrincipal | TokenPrincipal;

export function isSecretariat(principal: Principal | null): principal is UserPrincipal {
  return principal?.kind === 'user' && principal.roles.includes('secretariat');
}

/** Every role a person holds, organisation roles included; what GET /api/v1/me lists. */
export function allRoles(principal: UserPrincipal): Role[] {
  const roles = new Set<Role>(principal.roles);
  for (const membership of principal.memberships) roles.add(membership.role);
  const order: Role[] = ['secretariat', 'member', 'provider', 'student', 'reviewer', 'relocation-guide'];
  return order.filter((role) => roles.has(role));
}

export function membershipIn(principal: Principal | null, organisationId: string): Membership | undefined {
  return principal?.kind === 'user'
    ? principal.memberships.find((m) => m.organisationId === organisationId)
    : undefined;
}
