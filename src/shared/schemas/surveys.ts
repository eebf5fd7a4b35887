import { z } from 'zod';
import { bi } from '../messages.ts';
import { IMPORTANCE_LEVELS, SURVEY_STATUSES } from '../assessments.ts';
import { idSchema, text } from './common.ts';

// The importance survey (重要度調査): a prefecture or joint-use association asks its member
// municipalities how important each item of a catalogue is, on the paper's three-level scale, with a reason.

/** The catalogue a survey asks about unless the owner names another. */
export const DEFAULT_SURVEY_CATALOGUE = 'urn:daicho:catalogue:confirmation-items';
export const SURVEY_REASON_MAX = 2000;

const isoDate = z.iso.date({ error: bi('日付はYYYY-MM-DDで入力してください', 'Enter the date as YYYY-MM-DD') });
const importance = z.enum(IMPORTANCE_LEVELS, { error: bi('重要度を「重要であり確認・合意すべきである」「重要ではあるが確認・合意が難しい」「特に留意しなくても良い」から選んでください', 'Choose must confirm, hard to confirm or needs no attention') });

export const surveyCreateBody = z.object({
  title: text(200),
  catalogue_urn: z.string().max(200).default(DEFAULT_SURVEY_CATALOGUE),
  participant_ids: z.array(idSchema).min(1, { error: bi('回答を依頼する団体を1つ以上選んでください', 'Choose at least one municipality') }).max(2000),
  closes_on: isoDate.nullish(),
});

export const surveyAnswer = z.object({
  item_key: z.string().min(1).max(100),
  importance,
  reason: z
    .string()
    .trim()
    .max(SURVEY_REASON_MAX, { error: bi(`理由は${SURVEY_REASON_MAX}文字以内で入力してください`, `Use at most ${SURVEY_REASON_MAX} characters for the reason`) })
    .nullish(),
});

/** The participant's whole set of answers (it replaces the previous one); submit = hand it in. */
export const surveyAnswersBody = z.object({
  answers: z.array(surveyAnswer).max(500),
  submit: z.boolean().default(false),
});

const bilingual = z.object({ ja: z.string(), en: z.string() });
const surveyStatus = z.enum(SURVEY_STATUSES);

export const surveyCatalogueRef = z.object({ urn: z.string(), version: z.string(), name: bilingual });
export const surveyOrganisation = z.object({ id: z.string(), name: z.string(), name_en: z.string().nullable() });

export const surveyListItem = z.object({
  id: z.string(),
  title: z.string(),
  catalogue: surveyCatalogueRef,
  /** closed once the owner closed it or its closing day has passed (Japan time). */
  status: surveyStatus,
  closes_on: z.string().nullable(),
  created_at: z.string(),
  owner: surveyOrganisation,
  role: z.enum(['owner', 'participant']),
  item_count: z.number(),
  participant_count: z.number(),
  submitted_count: z.number(),
  /** Submitted participants ÷ participants, 0–100 (one decimal). */
  response_rate: z.number(),
  /** For a participant: its own state; null for the owner. */
  my_state: z.enum(['not_started', 'draft', 'submitted']).nullable(),
});

export const surveyItem = z.object({
  key: z.string(),
  position: z.number(),
  name: bilingual,
  category: z.object({ key: z.string(), number: z.string().nullable(), name: bilingual }),
});

export const surveyMyAnswer = z.object({ item_key: z.string(), importance: importance, reason: z.string().nullable(), answered_label: z.string(), updated_at: z.string() });

export const surveyDetail = surveyListItem.extend({
  items: z.array(surveyItem),
  /** For a participant: its own answers (draft or submitted). */
  my_answers: z.array(surveyMyAnswer).nullable(),
  my_submitted_at: z.string().nullable(),
  /** For the owner: who was asked and who has handed in (drafts stay private to the participant). */
  participants: z.array(surveyOrganisation.extend({ submitted_at: z.string().nullable() })).nullable(),
  can_answer: z.boolean(),
  can_close: z.boolean(),
  results_visible: z.boolean(),
});

const levelFigures = z.object({ must_confirm: z.number(), hard_to_confirm: z.number(), not_needed: z.number() });

export const surveyReason = z.object({
  importance,
  reason: z.string(),
  /** Only for the owner; participants see reasons without names. */
  organisation: surveyOrganisation.optional(),
});

export const surveyResults = z.object({
  survey_id: z.string(),
  status: surveyStatus,
  participant_count: z.number(),
  submitted_count: z.number(),
  response_rate: z.number(),
  anonymised: z.boolean(),
  items: z.array(
    surveyItem.extend({
      respondents: z.number(),
      counts: levelFigures,
      /** Share of the respondents, 0–100 (one decimal). */
      percentages: levelFigures,
      reasons: z.array(surveyReason),
    }),
  ),
});

export const surveyOptions = z.object({
  catalogues: z.array(surveyCatalogueRef),
  members: z.array(surveyOrganisation),
});
