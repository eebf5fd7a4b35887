// What goes with a register entry when an administrator deletes it: one list, walked inside the
// deleting transaction. A feature whose table refers to register_entries adds its step here (remove
// its rows, detach them, or name what blocks the deletion); the deletion proof in
// test/integration/proofs/ finds every such table by introspection and fails on an orphan or a 500.
import { deleteAttachmentsOf } from '../repositories/attachments.ts';
import { deleteSlaOfEntry } from '../repositories/sla.ts';
import { deleteContactsOfEntry } from '../repositories/contacts.ts';
import { deleteAssessmentsOfEntry } from '../repositories/assessments.ts';
import { deleteRequestsOfEntry } from '../repositories/answer-requests.ts';
import { deleteInvitationsOfEntry } from '../repositories/invitations.ts';
import { deleteDependenciesOfEntry } from '../repositories/dependencies.ts';
import { deletePartiesOfEntry } from '../repositories/parties.ts';
import type { Executor } from '../repositories/executor.ts';

export interface EntryRemovalStep {
  /** What the step takes care of, for logs and the reader. */
  name: string;
  run(trx: Executor, organisationId: string, entryId: string): Promise<void>;
}

/** In order: children of children first. The entry row itself goes last (repositories/register-entries.ts deleteEntry). */
export const ENTRY_REMOVAL_STEPS: readonly EntryRemovalStep[] = [
  { name: 'attachments', run: (trx, org, id) => deleteAttachmentsOf(trx, org, 'register_entry', id) },
  { name: 'sla', run: deleteSlaOfEntry },
  { name: 'contacts', run: deleteContactsOfEntry },
  { name: 'parties (with their matrix cells, fault roles and the adopted split)', run: deletePartiesOfEntry },
  { name: 'assessments', run: deleteAssessmentsOfEntry },
  { name: 'answer requests', run: deleteRequestsOfEntry },
  { name: 'vendor invitations', run: deleteInvitationsOfEntry },
  { name: 'dependencies (either side) and incidents reached through the entry', run: deleteDependenciesOfEntry },
];

/** Runs every step for one entry, inside the caller's transaction. */
export async function removeEntryChildren(trx: Executor, organisationId: string, entryId: string): Promise<void> {
  for (const step of ENTRY_REMOVAL_STEPS) await step.run(trx, organisationId, entryId);
}
