import { describe, expect, it } from 'vitest';
import { normaliseForSearch } from './search-text.ts';

describe('normaliseForSearch', () => {
  it('folds width, case and kana', () => {
    expect(normaliseForSearch('ＬＩＮＥ公式アカウント')).toBe('line公式アカウント');
    expect(normaliseForSearch('ｶﾞｲﾌﾞ')).toBe('ガイブ');
    expect(normaliseForSearch('がいぶ　サービス')).toBe('ガイブ サービス');
  });
});
