import { z } from 'zod';
import { INCIDENT_SEVERITIES } from '../incidents.ts';

// 要対応: one list of what needs the caller's organisation, merged from every feature. The server
// answers structured data only; the web writes the words in the reader's language.

export const ATTENTION_KINDS = [
  'incident',
  'area_incident',
  'vendor_incident',
  'assessment_items',
  'vendor_answers_review',
  'answer_request_overdue',
  'sla_breach',
  'sla_review',
  'contacts_reverify',
  'survey_answer',
  'survey_progress',
  'vendor_request',
] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

/** Most urgent first: the list is sorted by this order, then by the nearest due date. */
export const URGENCIES = ['overdue', 'critical', 'high', 'due_soon', 'open'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Dates (assessment items, reviews, surveys, requests) count as due soon this many days ahead. */
export const ATTENTION_SOON_DAYS = 14;

export const attentionQuery = z.object({
  mine: z.enum(['true', 'false']).optional().describe('true: only my items (I am the reviewer or requester, or they concern my 所管課)'),
});

const bilingual = z.object({ ja: z.string(), en: z.string() });

export const attentionItem = z.object({
  /** Stable within the list: kind and subject. */
  id: z.string(),
  kind: z.enum(ATTENTION_KINDS),
  urgency: z.enum(URGENCIES),
  /** An incident's severity; null for other kinds. */
  severity: z.enum(INCIDENT_SEVERITIES).nullable(),
  subject: z.object({
    type: z.enum(['incident', 'entry', 'assessment', 'survey', 'answer_request', 'vendor_service']),
    id: z.string(),
    name: z.string(),
    /** The register's 管理番号 when the subject is (or belongs to) a register entry. */
    external_key: z.string().nullable(),
    /** The other party: the vendor, the requesting municipality, the survey's owner. */
    party: z.string().nullable(),
  }),
  catalogue: bilingual.nullable(),
  /** Japan date the work is due (YYYY-MM-DD), or null. */
  due_date: z.string().nullable(),
  /** An SLA breach's month (YYYY-MM). */
  month: z.string().nullable(),
  /** When the matter began (ISO-8601), for its age. */
  since: z.string().nullable(),
  /** Incidents: when the vendor's next update is expected, and whether that time has passed. */
  next_update_due_at: z.string().nullable(),
  update_overdue: z.boolean(),
  /** Figures that say how much: overdue, due_soon, waiting, changed, bodies, affected, participants, submitted, pending_items, total_items, availability, target, credit_yen. */
  counts: z.record(z.string(), z.number()),
  /** I am the reviewer or requester, or it concerns a service of my 所管課. */
  mine: z.boolean(),
  /** Where the work is done, in the web app. */
  path: z.string(),
});
export type AttentionItem = z.infer<typeof attentionItem>;

export const attentionResponse = z.object({
  items: z.array(attentionItem),
  /** Whether "my items" means anything for the caller (organisations that keep a register). */
  mine_available: z.boolean(),
  totals: z.object({ all: z.number(), overdue: z.number() }),
});
