import { z } from 'zod';
import { bi } from '../messages.ts';
import { ENTRY_STATUSES } from '../register.ts';
import { idSchema, text } from './common.ts';

/** At most this many entries in one bulk request (the list's largest page is 200). */
export const BULK_MAX_ENTRIES = 500;

const ids = z
  .array(idSchema)
  .min(1, { error: bi('外部サービスを1件以上選んでください', 'Choose at least one service') })
  .max(BULK_MAX_ENTRIES, { error: bi(`一度に変更できるのは${BULK_MAX_ENTRIES}件までです`, `At most ${BULK_MAX_ENTRIES} services at once`) });

/** One action on several register entries at once: all of them change, or none. */
export const bulkActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('set_status'), ids, status: z.enum(ENTRY_STATUSES, { error: bi('状態を選んでください', 'Choose a status') }) }),
  z.object({ action: z.literal('set_department'), ids, department: text(100) }),
  z.object({ action: z.literal('start_assessment'), ids, catalogue_urn: z.string().trim().min(1, { error: bi('カタログを選んでください', 'Choose a catalogue') }).max(200) }),
], { error: bi('操作を選んでください', 'Choose an action') });

export const bulkActionResponse = z.object({
  action: z.enum(['set_status', 'set_department', 'start_assessment']),
  /** Entries changed (an entry already in the requested state is left as it is and not counted). */
  changed: z.number(),
  entries: z.array(z.object({ id: z.string(), assessment_id: z.string().nullable() })),
});
