// Incident vocabularies shared by the server and the web app (one definition each).

export const INCIDENT_TYPES = ['outage', 'data_loss', 'unauthorised_access', 'data_leak', 'other'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export const INCIDENT_STATUSES = ['open', 'mitigated', 'recovered', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** The typed moments of an incident's timeline, in their usual order. */
export const EVENT_TYPES = ['occurred', 'detected', 'vendor_first_report', 'municipality_aware', 'resident_impact_start', 'provisional_recovery', 'full_recovery', 'cause_report', 'prevention_report', 'publication', 'update'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const IMPACT_STATUSES = ['unknown', 'affected', 'not_affected', 'recovered'] as const;
export type ImpactStatus = (typeof IMPACT_STATUSES)[number];
/** What another body sees of a participant's impact: its status once shared, 'undisclosed' until then. */
export const SEEN_IMPACT_STATUSES = [...IMPACT_STATUSES, 'undisclosed'] as const;
export type SeenImpactStatus = (typeof SEEN_IMPACT_STATUSES)[number];

export const ACTION_STATUSES = ['open', 'in_progress', 'done'] as const;

export const CONTACT_PHASES = ['normal', 'incident', 'after'] as const;
export type ContactPhase = (typeof CONTACT_PHASES)[number];
export const CONTACT_SIDES = ['vendor', 'municipal'] as const;

export const NOTIFICATION_KINDS = ['incident_reported', 'incident_updated', 'incident_shared', 'contact_reverify_due', 'sla_review_due', 'answer_requested', 'answer_request_overdue', 'vendor_answer_updated', 'assessment_item_overdue', 'assessment_reopened', 'survey_opened', 'certificate_expiring'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

type Bi = { ja: string; en: string };

export const INCIDENT_LABELS: {
  type: Record<IncidentType, Bi>;
  severity: Record<IncidentSeverity, Bi>;
  status: Record<IncidentStatus, Bi>;
  event: Record<EventType, Bi>;
  impact: Record<SeenImpactStatus, Bi>;
  action: Record<(typeof ACTION_STATUSES)[number], Bi>;
  phase: Record<ContactPhase, Bi>;
  side: Record<(typeof CONTACT_SIDES)[number], Bi>;
  notification: Record<NotificationKind, Bi>;
} = {
  type: {
    outage: { ja: '運用停止', en: 'Service outage' },
    data_loss: { ja: '情報消失・破壊', en: 'Data loss or destruction' },
    unauthorised_access: { ja: '不正アクセス', en: 'Unauthorised access' },
    data_leak: { ja: '情報漏洩', en: 'Data leak' },
    other: { ja: 'その他', en: 'Other' },
  },
  severity: { low: { ja: '低', en: 'Low' }, medium: { ja: '中', en: 'Medium' }, high: { ja: '高', en: 'High' }, critical: { ja: '重大', en: 'Critical' } },
  status: { open: { ja: '対応中', en: 'Open' }, mitigated: { ja: '暫定復旧', en: 'Mitigated' }, recovered: { ja: '復旧済', en: 'Recovered' }, closed: { ja: '完了', en: 'Closed' } },
  event: {
    occurred: { ja: '発生', en: 'Occurred' },
    detected: { ja: '検知', en: 'Detected' },
    vendor_first_report: { ja: 'ベンダー第一報', en: 'Vendor first report' },
    municipality_aware: { ja: '自治体認知', en: 'Municipality aware' },
    resident_impact_start: { ja: '住民影響開始', en: 'Resident impact began' },
    provisional_recovery: { ja: '暫定復旧', en: 'Provisional recovery' },
    full_recovery: { ja: '完全復旧', en: 'Full recovery' },
    cause_report: { ja: '原因報告', en: 'Cause report' },
    prevention_report: { ja: '再発防止策報告', en: 'Prevention report' },
    publication: { ja: '公表', en: 'Published' },
    update: { ja: '経過報告', en: 'Update' },
  },
  impact: { unknown: { ja: '確認中', en: 'Checking' }, affected: { ja: '影響あり', en: 'Affected' }, not_affected: { ja: '影響なし', en: 'Not affected' }, recovered: { ja: '復旧済', en: 'Recovered' }, undisclosed: { ja: '非共有', en: 'Not shared' } },
  action: { open: { ja: '未着手', en: 'Open' }, in_progress: { ja: '対応中', en: 'In progress' }, done: { ja: '完了', en: 'Done' } },
  phase: { normal: { ja: '平常時', en: 'Normal times' }, incident: { ja: '障害発生時', en: 'During an incident' }, after: { ja: '障害発生後', en: 'After an incident' } },
  side: { vendor: { ja: '事業者', en: 'Vendor' }, municipal: { ja: '自団体', en: 'Our organisation' } },
  notification: {
    incident_reported: { ja: 'インシデントの報告', en: 'Incident reported' },
    incident_updated: { ja: 'インシデントの経過', en: 'Incident update' },
    incident_shared: { ja: 'インシデントの共有', en: 'Incident shared' },
    contact_reverify_due: { ja: '連絡体制の再確認', en: 'Contacts to re-verify' },
    sla_review_due: { ja: 'SLAの見直し期限', en: 'SLA review due' },
    answer_requested: { ja: '確認項目の回答依頼', en: 'Answers requested' },
    answer_request_overdue: { ja: '回答依頼の期限超過', en: 'Answer request overdue' },
    vendor_answer_updated: { ja: '事業者の回答の更新', en: 'Vendor answers updated' },
    assessment_item_overdue: { ja: '確認項目の期限超過', en: 'Confirmation items overdue' },
    assessment_reopened: { ja: '確認項目の再確認', en: 'Confirmation items reopened' },
    survey_opened: { ja: '重要度調査への回答依頼', en: 'Importance survey opened' },
    certificate_expiring: { ja: '認証の有効期限', en: 'Certificate expiry' },
  },
};
