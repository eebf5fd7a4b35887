import { describe, expect, it } from 'vitest';
import { changeSentence, describeChange, type WordContext } from './audit-words.ts';

const ja: WordContext = { lang: 'ja', names: { u1: '山田 花子', u2: '佐藤 次郎', v1: 'デモ自治体クラウド株式会社' }, targetType: 'assessment_item', none: 'なし', unknownName: '（表示できない項目）' };

describe('a recorded change in words', () => {
  it('lists only the fields an edit changed, with names for ids and words for codes', () => {
    const lines = describeChange(
      { status: 'unconfirmed', reviewer_user_id: 'u1', due_date: '2026-12-01', revision: 3, note: '同じ' },
      { status: 'confirmed', reviewer_user_id: 'u2', due_date: '2026-12-01', revision: 4, note: '同じ', confirmed_before_use: true },
      ja,
    );
    expect(lines).toEqual([
      { field: 'status', label: '状態', before: '未確認', after: '確認済' },
      { field: 'reviewer_user_id', label: '確認者', before: '山田 花子', after: '佐藤 次郎' },
      { field: 'confirmed_before_use', label: '利用前に確認', before: 'なし', after: 'はい' },
    ]);
    expect(changeSentence(lines)).toBe('状態: 未確認 → 確認済 ／ 確認者: 山田 花子 → 佐藤 次郎 ／ 利用前に確認: なし → はい');
  });

  it('shows what a new record holds and what a removed one held, in Japan time, without bookkeeping', () => {
    const created = describeChange(null, { id: 'x', name: '住民記録', vendor_id: 'v1', contract_end: '2027-03-31', updated_at: '2026-12-01T00:00:00Z', status: 'in_use', annual_cost: 1200000 }, { ...ja, targetType: 'register_entry' });
    expect(changeSentence(created)).toBe('名称: 住民記録 ／ 事業者: デモ自治体クラウド株式会社 ／ 契約終了日: 2027/03/31 ／ 状態: 利用中 ／ 年間費用: 1,200,000');
    const removed = describeChange({ occurred_at: '2026-11-30T15:30:00Z', vendor_id: 'gone' }, null, { ...ja, targetType: 'sla_outage' });
    expect(removed).toEqual([
      { field: 'occurred_at', label: '発生日時', before: '2026/12/01 00:30' },
      { field: 'vendor_id', label: '事業者', before: '（表示できない項目）' },
    ]);
  });

  it('reads nested records and lists, and speaks English in English', () => {
    const en: WordContext = { ...ja, lang: 'en', none: 'None', targetType: 'survey' };
    const lines = describeChange({ submitted: false, answers: {} }, { submitted: true, answers: { '1-1': { importance: 'must_confirm', reason: null } } }, en);
    expect(changeSentence(lines)).toBe('Submitted: No → Yes ／ Answers: None → 1-1: Importance: Important: must be confirmed and agreed');
  });
});

describe('ids in a recorded change', () => {
  it('leaves out ids that name nothing a reader knows, and names the others', () => {
    const ctx: WordContext = { lang: 'ja', names: { u1: '山田 花子' }, targetType: 'assessment_item', none: 'なし', unknownName: '（表示できない項目）' };
    const lines = describeChange(null, { vendor_answer_id: '01a235c1-4e93', comment_id: 'c1', reviewer_user_id: 'u1', vendor_review: 'flagged' }, ctx);
    expect(changeSentence(lines)).toBe('確認者: 山田 花子 ／ 事業者の回答の確認: 要確認として指摘');
  });
});
