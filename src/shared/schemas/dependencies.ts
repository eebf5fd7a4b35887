// What runs on what (依存関係), "what stops if X fails" (影響分析) and a vendor service's reach.
import { z } from 'zod';
import { bi } from '../messages.ts';
import { idSchema } from './common.ts';

const note = z.string().trim().max(1000, { error: bi('1000文字以内で入力してください', 'Use at most 1000 characters') }).nullish();
const optionalId = idSchema.nullish();

/** Exactly one of the two (checked by the service, so the error names the field). */
export const entryDependencyBody = z.object({ depends_on_entry_id: optionalId, depends_on_service_id: optionalId, note });
export const dependencyPatchBody = z.object({ note });
export const serviceDependencyBody = z.object({ depends_on_service_id: idSchema, note });

const entryRef = z.object({ id: z.string(), external_key: z.string(), name: z.string() });
const serviceRef = z.object({ id: z.string(), name: z.string(), vendor_name: z.string() });

export const entryDependencyItem = z.object({
  id: z.string(),
  kind: z.enum(['entry', 'service']),
  entry: entryRef.nullable(),
  service: serviceRef.nullable(),
  note: z.string().nullable(),
  created_at: z.string(),
});

export const entryDependenciesView = z.object({
  depends_on: z.array(entryDependencyItem),
  depended_on_by: z.array(entryDependencyItem),
  /** What the services this entry uses run on, as their vendors declared it. */
  services_run_on: z.array(z.object({ service: serviceRef, runs_on: z.array(serviceRef) })),
  can_edit: z.boolean(),
});

export const serviceDependencyItem = z.object({ id: z.string(), service: serviceRef, note: z.string().nullable(), created_at: z.string() });
export const serviceDependenciesView = z.object({
  service: serviceRef,
  runs_on: z.array(serviceDependencyItem),
  /** What runs on this service (the owning vendor only). */
  run_on_by: z.array(serviceDependencyItem),
});

export const WHAT_IF_TARGET_TYPES = ['vendor', 'vendor_organisation', 'vendor_service', 'entry'] as const;
export type WhatIfTargetType = (typeof WHAT_IF_TARGET_TYPES)[number];

export const whatIfQuery = z.object({
  target_type: z.enum(WHAT_IF_TARGET_TYPES, { error: bi('対象の種類を選んでください', 'Choose the kind of target') }),
  target_id: idSchema,
});

const pathStep = z.object({ kind: z.enum(['service', 'entry', 'vendor']), id: z.string(), name: z.string() });

export const whatIfItem = z.object({
  entry: z.object({ id: z.string(), external_key: z.string(), name: z.string(), department: z.string() }),
  administrative_impact: z.number(),
  band: z.enum(['high', 'medium', 'low']),
  resident_impact: z.number(),
  residents_held: z.number().nullable(),
  /** direct: the target itself is the entry's vendor, service or party; otherwise through the path. */
  reached: z.enum(['direct', 'service', 'entry']),
  /** From the failure to the entry (the entry left out). */
  path: z.array(pathStep),
});

export const whatIfResponse = z.object({
  target: z.object({ type: z.enum(WHAT_IF_TARGET_TYPES), id: z.string(), name: z.string() }),
  items: z.array(whatIfItem),
  summary: z.object({ total: z.number(), high: z.number(), residents: z.number() }),
});

export const whatIfTargetGroup = z.object({
  key: z.string(),
  label: z.string(),
  label_en: z.string(),
  options: z.array(z.object({ target_type: z.enum(WHAT_IF_TARGET_TYPES), target_id: z.string(), label: z.string() })),
});
export const whatIfTargets = z.object({ groups: z.array(whatIfTargetGroup) });

export const reachResponse = z.object({
  service: serviceRef,
  organisations: z.array(
    z.object({
      organisation_id: z.string(),
      organisation_name: z.string(),
      organisation_name_en: z.string().nullable(),
      entries: z.number(),
      direct_entries: z.number(),
      /** The services it comes through (services running on this one), when not direct. */
      via: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
  summary: z.object({ organisations: z.number(), entries: z.number(), via_dependency: z.number() }),
});
