import { describe, expect, it } from 'vitest';
import { legalNoteIn, signedYuan } from './labels';
import { LEGAL_NOTE } from './test-data';

describe('ledger labels', () => {
  it('signs adjustments', () => {
    expect(signedYuan('15.00')).toBe('+¥15.00');
    expect(signedYuan('-1234.50')).toBe('-¥1,234.50');
  });

  it('picks the legal note in the user’s language', () => {
    const zh = legalNoteIn(LEGAL_NOTE, 'zh-CN');
    expect(zh.startsWith('违约金须依据')).toBe(true);
    expect(zh.endsWith('（《民法典》第九百四十四条）。')).toBe(true);
    const en = legalNoteIn(LEGAL_NOTE, 'en');
    expect(en.startsWith('Late fees may only be charged')).toBe(true);
    expect(en).toContain('(规约)');
    expect(en.endsWith('never cut off for arrears.')).toBe(true);
    // a note in one language only is shown whole
    expect(legalNoteIn('不得以停水停电方式催缴。', 'en')).toBe('不得以停水停电方式催缴。');
  });
});
