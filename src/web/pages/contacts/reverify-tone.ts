import type { ReverifyState } from '../../../shared/schemas/contacts.ts';
import type { Tone } from '../../components/StatusTag.tsx';

/** The colour of a re-verification state, on the contacts tab and home's card (kept apart so home loads no form code). */
export const REVERIFY_TONE: Record<ReverifyState, Tone> = { ok: 'success', due_soon: 'warning', overdue: 'error', never: 'error' };
