import { z } from 'zod';
import { bi } from '../messages.ts';

/** What the header search looks through, in the order the groups are shown. */
export const SEARCH_KINDS = ['entries', 'assessments', 'vendors', 'incidents', 'vendor_services', 'answer_requests', 'catalogue_items'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const searchQuery = z.object({
  q: z
    .string({ error: bi('検索する言葉を指定してください', 'Give the words to search for') })
    .trim()
    .min(1, { error: bi('検索する言葉を指定してください', 'Give the words to search for') })
    .max(200, { error: bi('検索する言葉は200文字までです', 'At most 200 characters') }),
  /** Results per group (the header's dropdown takes a few; the results page more). */
  limit: z.coerce.number().int().min(1).max(100).default(5),
});

export const searchHit = z.object({
  id: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  /** Where the result opens in the web app. */
  path: z.string(),
});

export const searchResponse = z.object({
  q: z.string(),
  groups: z.array(z.object({ kind: z.enum(SEARCH_KINDS), total: z.number(), items: z.array(searchHit) })),
});
