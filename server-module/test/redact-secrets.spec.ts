import { redactSecrets } from '@m365/server-module';

describe('redactSecrets', () => {
  it.each([
    ['GET /auth/microsoft-apis/get-access-token?code=M.C123-abc&state=eyJ0eXAi', 'GET /auth/microsoft-apis/get-access-token?code=[redacted]&state=[redacted]'],
    ['{"refresh_token":"1.AAA-b_c","expires_in":3600}', '{"refresh_token":"[redacted]","expires_in":3600}'],
    ['Authorization: Bearer abc.def-ghi', 'Authorization: Bearer [redacted]'],
    ['token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl here', 'token [redacted-jwt] here'],
    ['client_secret=s3cr3t&grant_type=authorization_code', 'client_secret=[redacted]&grant_type=authorization_code'],
    ['clientState: 9f8e7d', 'clientState: [redacted]'],
  ])('masks %s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('leaves ordinary text alone', () => {
    const text = 'No Microsoft account 7c1e… for this member; decode=1 barcode=2';
    expect(redactSecrets(text)).toBe(text);
  });
});
