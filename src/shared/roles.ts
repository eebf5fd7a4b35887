// Roles and what each may do: the one table the server's policies and the web UI both read.

export const ROLES = ['operator_admin', 'org_admin', 'editor', 'viewer', 'auditor', 'vendor_member'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = ['operator', 'municipality', 'prefecture', 'association', 'vendor'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Roles that administer something: they must use multi-factor authentication. */
export const ADMIN_ROLES: readonly Role[] = ['operator_admin', 'org_admin'];

export function isAdminRole(role: Role): boolean {
  return ADMIN_ROLES.includes(role);
}

/** Which roles a user of an organisation of this kind may hold. */
export const ROLES_BY_ORGANISATION_KIND: Record<OrganisationKind, readonly Role[]> = {
  operator: ['operator_admin', 'viewer', 'auditor'],
  municipality: ['org_admin', 'editor', 'viewer', 'auditor'],
  prefecture: ['org_admin', 'editor', 'viewer', 'auditor'],
  association: ['org_admin', 'editor', 'viewer', 'auditor'],
  vendor: ['org_admin', 'vendor_member'],
};

export const PERMISSIONS = [
  'organisation:read',
  'organisation:create',
  'organisation:update',
  'user:read',
  'user:manage',
  'token:manage',
  'audit:read',
  'audit:verify',
  'content:read',
  'content:write',
  'register:read',
  'register:write',
  'register:configure',
  'incident:read',
  'incident:report',
  'incident:coordinate',
  'vendor_service:manage',
  'survey:run',
  'survey:answer',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const MATRIX: Record<Role, readonly Permission[]> = {
  operator_admin: ['organisation:read', 'organisation:create', 'organisation:update', 'user:read', 'user:manage', 'token:manage', 'audit:read', 'audit:verify', 'content:read'],
  org_admin: ['organisation:read', 'organisation:update', 'user:read', 'user:manage', 'token:manage', 'audit:read', 'content:read', 'content:write'],
  editor: ['organisation:read', 'user:read', 'content:read', 'content:write'],
  viewer: ['organisation:read', 'content:read'],
  auditor: ['organisation:read', 'user:read', 'audit:read', 'content:read'],
  vendor_member: ['organisation:read', 'content:read', 'content:write'],
};

/** Organisations that use external services and so keep a register of them. */
export const REGISTER_ORGANISATION_KINDS: readonly OrganisationKind[] = ['municipality', 'prefecture', 'association'];

/** True when the role grants the permission (organisation scope is checked separately). */
export function roleHas(role: Role, permission: Permission): boolean {
  return MATRIX[role].includes(permission);
}

/** Everything a user of this role in an organisation of this kind may do. */
export function permissionsOf(role: Role, kind: OrganisationKind): Permission[] {
  const granted: Permission[] = [...MATRIX[role]];
  if (REGISTER_ORGANISATION_KINDS.includes(kind)) {
    if (granted.includes('content:read')) granted.push('register:read', 'incident:read');
    if (granted.includes('content:write')) granted.push('register:write');
    if (granted.includes('organisation:update')) granted.push('register:configure');
  }
  // A municipality reports incidents about its vendors; a prefecture or association follows its bodies'.
  if (kind === 'municipality' && granted.includes('content:write')) granted.push('incident:report');
  if ((kind === 'prefecture' || kind === 'association') && granted.includes('content:read')) granted.push('incident:coordinate');
  // The importance survey: a prefecture or association runs it across its bodies; a municipality answers it.
  if ((kind === 'prefecture' || kind === 'association') && granted.includes('content:write')) granted.push('survey:run');
  if (kind === 'municipality' && granted.includes('content:write')) granted.push('survey:answer');
  // A vendor's users keep its service profiles and report incidents on them to every linked body.
  if (kind === 'vendor' && granted.includes('content:write')) granted.push('incident:read', 'incident:report', 'vendor_service:manage');
  return granted;
}

export function can(role: Role, kind: OrganisationKind, permission: Permission): boolean {
  return permissionsOf(role, kind).includes(permission);
}

export const ROLE_LABELS: Record<Role, { ja: string; en: string }> = {
  operator_admin: { ja: '運用管理者', en: 'Operator administrator' },
  org_admin: { ja: '団体管理者（CISO・情報政策）', en: 'Organisation administrator (CISO)' },
  editor: { ja: '編集者', en: 'Editor' },
  viewer: { ja: '閲覧者', en: 'Viewer' },
  auditor: { ja: '監査担当', en: 'Auditor' },
  vendor_member: { ja: '事業者メンバー', en: 'Vendor member' },
};

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, { ja: string; en: string }> = {
  operator: { ja: '運用者', en: 'Operator' },
  municipality: { ja: '市区町村', en: 'Municipality' },
  prefecture: { ja: '都道府県', en: 'Prefecture' },
  association: { ja: '共同利用団体', en: 'Joint-use association' },
  vendor: { ja: '事業者', en: 'Vendor' },
};
