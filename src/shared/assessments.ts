// Words of confirmation (確認): statuses of an assessment item, the municipality's review of a vendor
// answer, sharing levels of vendor answers, request states and the importance survey's scale.

type Bi = { ja: string; en: string };

/** 未確認 / 確認中 / 確認済 / 要対応 / 該当なし */
export const ITEM_STATUSES = ['unconfirmed', 'in_progress', 'confirmed', 'action_required', 'not_applicable'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Whether the organisation's own security policy defines the item (the paper's second dimension). */
export const POLICY_DEFINED = ['defined', 'not_defined', 'unknown'] as const;
export type PolicyDefined = (typeof POLICY_DEFINED)[number];

/** A municipality's review of the vendor's answer, kept in its own assessment. */
export const VENDOR_REVIEWS = ['accepted', 'flagged'] as const;
export type VendorReview = (typeof VENDOR_REVIEWS)[number];

/** Who may read a vendor's answer: every body linking the service / bodies that asked / bodies that accepted the terms. */
export const SHARING_LEVELS = ['linked', 'on_request', 'terms'] as const;
export type SharingLevel = (typeof SHARING_LEVELS)[number];

export const REQUEST_STATUSES = ['pending', 'answered', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The paper's survey scale. */
export const IMPORTANCE_LEVELS = ['must_confirm', 'hard_to_confirm', 'not_needed'] as const;
export type ImportanceLevel = (typeof IMPORTANCE_LEVELS)[number];

export const SURVEY_STATUSES = ['open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export const ASSESSMENT_LABELS: {
  status: Record<ItemStatus, Bi>;
  policy: Record<PolicyDefined, Bi>;
  review: Record<VendorReview, Bi>;
  sharing: Record<SharingLevel, Bi>;
  request: Record<RequestStatus, Bi>;
  importance: Record<ImportanceLevel, Bi>;
  answerStatus: Record<'yes' | 'partial' | 'no' | 'not_applicable', Bi>;
} = {
  status: {
    unconfirmed: { ja: '未確認', en: 'Not confirmed' },
    in_progress: { ja: '確認中', en: 'In progress' },
    confirmed: { ja: '確認済', en: 'Confirmed' },
    action_required: { ja: '要対応', en: 'Action required' },
    not_applicable: { ja: '該当なし', en: 'Not applicable' },
  },
  policy: {
    defined: { ja: 'ポリシーに規定あり', en: 'Defined in our policy' },
    not_defined: { ja: 'ポリシーに規定なし', en: 'Not in our policy' },
    unknown: { ja: '未調査', en: 'Not checked' },
  },
  review: {
    accepted: { ja: '受け入れ', en: 'Accepted' },
    flagged: { ja: '要確認として指摘', en: 'Flagged' },
  },
  sharing: {
    linked: { ja: '利用する全団体に共有', en: 'Every body that uses the service' },
    on_request: { ja: '依頼した団体のみ', en: 'Only bodies that request it' },
    terms: { ja: '利用条件に同意した団体のみ', en: 'Only bodies that accept the terms' },
  },
  request: {
    pending: { ja: '回答待ち', en: 'Pending' },
    answered: { ja: '回答済', en: 'Answered' },
    withdrawn: { ja: '取り下げ', en: 'Withdrawn' },
  },
  importance: {
    must_confirm: { ja: '重要であり確認・合意すべきである', en: 'Important: must be confirmed and agreed' },
    hard_to_confirm: { ja: '重要ではあるが確認・合意が難しい', en: 'Important but hard to confirm and agree' },
    not_needed: { ja: '特に留意しなくても良い', en: 'Needs no particular attention' },
  },
  answerStatus: {
    yes: { ja: '対応している', en: 'Yes' },
    partial: { ja: '一部対応', en: 'Partly' },
    no: { ja: '対応していない', en: 'No' },
    not_applicable: { ja: '該当なし', en: 'Not applicable' },
  },
};

/** Statuses that count as settled for progress. */
export function isSettled(status: ItemStatus): boolean {
  return status === 'confirmed' || status === 'not_applicable';
}
