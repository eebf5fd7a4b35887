import type { CatalogueItem } from '../../shared/catalogue.ts';
import type { ItemStatus, PolicyDefined, VendorReview } from '../../shared/assessments.ts';
import type { AssessmentWithEntry, CommentRow, ItemWithReviewer } from '../repositories/assessments.ts';
import type { AttachmentMeta } from '../repositories/attachments.ts';
import type { CatalogueVersion } from '../services/catalogues/registry.ts';
import { presentAttachment } from '../services/attachments.ts';
import { isOverdue } from '../services/assessments/progress.ts';
import type { z } from 'zod';
import type { itemLink } from '../../shared/schemas/catalogues.ts';

type ItemLink = z.infer<typeof itemLink>;

// What leaves the server about assessments: explicit fields only.

export const SYSTEM_COMMENT_PREFIX = '[system] ';

export function presentEntrySummary(a: AssessmentWithEntry) {
  return {
    id: a.register_entry_id,
    name: a.entry_name,
    external_key: a.entry_external_key,
    department: a.entry_department,
    administrative_impact: Number(a.entry_administrative_impact),
    vendor_service_id: a.entry_vendor_service_id,
  };
}

/** A version's identity, and the newer current version when there is one. */
export function presentCatalogueMeta(version: CatalogueVersion, current: CatalogueVersion | undefined) {
  return {
    id: version.id,
    urn: version.urn,
    version: version.version,
    name: version.catalogue.name,
    is_current: version.is_current,
    newer_version: current && current.id !== version.id ? { id: current.id, version: current.version } : null,
  };
}

export function parseAnswer(answer: string | null): string | number | null {
  if (answer === null) return null;
  const value = JSON.parse(answer) as unknown;
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

export function presentItem(row: ItemWithReviewer, spec: CatalogueItem, version: CatalogueVersion, evidence: AttachmentMeta[], commentCount: number, today: string, links: (urns: readonly string[]) => ItemLink[]) {
  return {
    id: row.id,
    key: row.item_key,
    category_key: row.category_key,
    name: spec.name,
    answer_spec: spec.answer,
    guidance: spec.guidance ?? null,
    typical_evidence: spec.evidence ?? [],
    refs: links(spec.refs ?? []),
    status: row.status as ItemStatus,
    answer: parseAnswer(row.answer),
    due_date: row.due_date,
    overdue: isOverdue(row, today),
    reviewer: row.reviewer_user_id ? { id: row.reviewer_user_id, name: row.reviewer_name ?? '' } : null,
    confirmed_before_use: row.confirmed_before_use === null ? null : Number(row.confirmed_before_use) === 1,
    policy_defined: row.policy_defined as PolicyDefined,
    vendor_answer_id: row.vendor_answer_id,
    vendor_review: (row.vendor_review as VendorReview | null) ?? null,
    vendor_review_note: row.vendor_review_note,
    vendor_reviewed_at: row.vendor_reviewed_at,
    evidence: evidence.map(presentAttachment),
    comment_count: commentCount,
    revision: Number(row.revision),
    updated_at: row.updated_at,
    updated_by: row.updated_by_label,
    archived: Number(row.archived) === 1,
    catalogue_version: { id: version.id, version: version.version, is_current: version.is_current },
  };
}

export function presentComment(row: CommentRow) {
  const system = row.author_user_id === null && row.body.startsWith(SYSTEM_COMMENT_PREFIX);
  return { id: row.id, author_label: row.author_label, body: system ? row.body.slice(SYSTEM_COMMENT_PREFIX.length) : row.body, created_at: row.created_at, system };
}

/** The state of an item as the audit log keeps it (before/after of a change). */
export function itemSnapshot(row: { status: string; answer: string | null; due_date: string | null; reviewer_user_id: string | null; confirmed_before_use: number | null; policy_defined: string; archived?: number; catalogue_version_id?: string; revision?: number }) {
  return {
    status: row.status,
    answer: parseAnswer(row.answer),
    due_date: row.due_date,
    reviewer_user_id: row.reviewer_user_id,
    confirmed_before_use: row.confirmed_before_use === null ? null : Number(row.confirmed_before_use) === 1,
    policy_defined: row.policy_defined,
    ...(row.archived !== undefined ? { archived: Number(row.archived) === 1 } : {}),
    ...(row.catalogue_version_id !== undefined ? { catalogue_version_id: row.catalogue_version_id } : {}),
    ...(row.revision !== undefined ? { revision: Number(row.revision) } : {}),
  };
}
