import { ApiError } from '@pm/web/api';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { errorText } from './errors';

afterEach(() => {
  i18n.global.locale.value = 'zh-CN';
});

describe('errorText', () => {
  it('prefers the screen scope, then the shared code, then the server message', () => {
    const invalid = new ApiError(422, 'invalid_invite', '邀请码无效或已过期 The invite code is invalid or has expired');
    expect(errorText(invalid, 'bind.errors.invite')).toBe('邀请码无效或已过期，请核对后重试，或向物业重新索取');
    expect(errorText(new ApiError(409, 'conflict', 'x'), 'bind.errors.match')).toBe('您已绑定该房屋');
    expect(errorText(new ApiError(404, 'not_found', 'x'), 'bind.errors.match')).toBe('未找到相关信息');
    expect(errorText(new ApiError(400, 'some_new_code', '房号格式不正确'))).toBe('房号格式不正确');
  });

  it('explains the login code failures the API reports', () => {
    expect(errorText(new ApiError(401, 'invalid_code', 'x', { attemptsLeft: 3 }))).toBe('验证码错误，还可再试 3 次');
    expect(errorText(new ApiError(401, 'invalid_code', 'x', { attemptsLeft: 0 }))).toBe('验证码错误次数过多，请重新获取');
    expect(errorText(new ApiError(401, 'invalid_code', 'x'))).toBe('验证码错误，请重新输入');
    expect(errorText(new ApiError(401, 'code_expired', 'x'))).toBe('验证码已失效，请重新获取');
    expect(errorText(new ApiError(429, 'code_locked', 'x'))).toBe('验证码错误次数过多，请重新获取');
  });

  it('says how long to wait when rate limited', () => {
    expect(errorText(new ApiError(429, 'rate_limited', 'x', { retryAfterSeconds: 42 }))).toBe('操作太频繁，请 42 秒后再试');
    expect(errorText(new ApiError(429, 'rate_limited', 'x', { retryAfterSeconds: 3600 }))).toBe('操作太频繁，请 60 分钟后再试');
    expect(errorText(new ApiError(429, 'rate_limited', 'x'))).toBe('操作太频繁，请稍后再试');
  });

  it('says network problem for status 0 and a generic text for anything else', () => {
    expect(errorText(new ApiError(0, 'network_error', 'Failed to fetch'))).toBe('网络异常，请检查网络后重试');
    expect(errorText(new ApiError(502, 'http_502', 'Bad Gateway'))).toBe('操作失败，请稍后重试');
    expect(errorText(new Error('boom'))).toBe('操作失败，请稍后重试');
  });

  it('follows the language switch', () => {
    i18n.global.locale.value = 'en';
    expect(errorText(new ApiError(429, 'rate_limited', 'x'))).toBe('Too many requests. Please wait a moment');
  });
});
