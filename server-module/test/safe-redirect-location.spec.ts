import { safeRedirectLocation } from '../src/auth/safe-redirect-location.util.js';
import { constantTimeEqual } from '../src/common/constant-time-equal.util.js';

describe('safeRedirectLocation', () => {
  it.each([
    ['/settings/accounts', '/settings/accounts'],
    ['/settings/accounts?tab=emails', '/settings/accounts?tab=emails'],
    ['//evil.example/path', null],
    ['https://evil.example', null],
    ['/\\evil.example', null],
    [undefined, null],
  ])('%s → %s', (input, expected) => {
    expect(safeRedirectLocation(input)).toBe(expected);
  });
});

describe('constantTimeEqual', () => {
  it('compares exactly', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
  });
});
