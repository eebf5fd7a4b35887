// Response and request types, inferred from the shared zod schemas: one definition for server and web.
import type { z } from 'zod';
import type { meResponse, mfaSetupResponse, mfaStatusResponse, recoveryCodesResponse } from '../../shared/schemas/auth.ts';
import type { organisationCreateBody, organisationListResponse, organisationResponse, organisationUpdateBody } from '../../shared/schemas/organisations.ts';
import type { userCreateBody, userListResponse, userResponse, userUpdateBody, userWithPasswordResponse } from '../../shared/schemas/users.ts';
import type { tokenCreateBody, tokenCreatedResponse, tokenListResponse, tokenResponse } from '../../shared/schemas/tokens.ts';
import type { auditEntryResponse, auditListResponse } from '../../shared/schemas/audit.ts';

export type Me = z.infer<typeof meResponse>;
export type MfaSetup = z.infer<typeof mfaSetupResponse>;
export type MfaStatus = z.infer<typeof mfaStatusResponse>;
export type RecoveryCodes = z.infer<typeof recoveryCodesResponse>;

export type Organisation = z.infer<typeof organisationResponse>;
export type OrganisationList = z.infer<typeof organisationListResponse>;
export type OrganisationCreate = z.input<typeof organisationCreateBody>;
export type OrganisationUpdate = z.input<typeof organisationUpdateBody>;

export type User = z.infer<typeof userResponse>;
export type UserList = z.infer<typeof userListResponse>;
export type UserCreate = z.input<typeof userCreateBody>;
export type UserUpdate = z.input<typeof userUpdateBody>;
export type UserWithPassword = z.infer<typeof userWithPasswordResponse>;

export type ApiToken = z.infer<typeof tokenResponse>;
export type ApiTokenList = z.infer<typeof tokenListResponse>;
export type ApiTokenCreate = z.input<typeof tokenCreateBody>;
export type ApiTokenCreated = z.infer<typeof tokenCreatedResponse>;

export type AuditEntry = z.infer<typeof auditEntryResponse>;
export type AuditPage = z.infer<typeof auditListResponse>;
