import { describe, expect, it } from 'vitest';
import { fieldDetails, messageIn, splitMessage } from './errors';

describe('API error messages', () => {
  it('split "中文 English" messages', () => {
    expect(splitMessage('账号或密码错误 Wrong username or password')).toEqual({ zh: '账号或密码错误', en: 'Wrong username or password' });
    expect(splitMessage('不是有效的 .xlsx 文件 Not a valid .xlsx file')).toEqual({ zh: '不是有效的 .xlsx 文件', en: 'Not a valid .xlsx file' });
    expect(splitMessage('未找到与您手机号匹配的业主信息，请联系物业获取邀请码 No owner on record matches your phone; ask the office')).toEqual({
      zh: '未找到与您手机号匹配的业主信息，请联系物业获取邀请码',
      en: 'No owner on record matches your phone; ask the office',
    });
  });

  it('keep one-language messages on their side', () => {
    expect(splitMessage('unit not found')).toEqual({ zh: null, en: 'unit not found' });
    expect(splitMessage('尝试次数过多，请 15 分钟后再试')).toEqual({ zh: '尝试次数过多，请 15 分钟后再试', en: null });
    expect(splitMessage('')).toEqual({ zh: null, en: null });
  });

  it('pick by locale', () => {
    expect(messageIn('已存在 Already exists', 'zh-CN')).toBe('已存在');
    expect(messageIn('已存在 Already exists', 'en')).toBe('Already exists');
    expect(messageIn('database unavailable', 'zh-CN')).toBeNull();
  });

  it('show the first field error of a validation failure', () => {
    expect(fieldDetails([{ path: 'buildingArea', message: 'must be greater than 0' }])).toBe('buildingArea: must be greater than 0');
    expect(fieldDetails({ rows: [] })).toBeNull();
    expect(fieldDetails(undefined)).toBeNull();
  });
});
