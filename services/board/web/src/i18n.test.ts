import { describe, expect, it } from 'vitest';
import { localSummary } from './i18n';

describe('localSummary', () => {
  it('takes the Chinese or English half of a rule summary', () => {
    const s = 'G003 严重交通事故 i1：2 人伤亡 / G003 serious accident i1: 2 casualties';
    expect(localSummary(s, 'zh')).toBe('G003 严重交通事故 i1：2 人伤亡');
    expect(localSummary(s, 'en')).toBe('G003 serious accident i1: 2 casualties');
  });
  it('keeps a summary without the separator', () => {
    expect(localSummary('only one language', 'en')).toBe('only one language');
  });
});
