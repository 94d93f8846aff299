import { ifMatchNames } from '../src/calendar/if-match.js';

// changeKeys are random base64: one in 4,096 begins with `W/`, which a PATCH with the bare changeKey must still match
// (the calendar bench's outbound writes hit it: 412 on every retry with the current changeKey).
describe('calendar: If-Match against a changeKey', () => {
  const key = 'W/WgMP5YVKHD5nHi';

  it('takes a bare changeKey that begins with W/', () => {
    expect(ifMatchNames(key, key)).toBe(true);
    expect(ifMatchNames('WgMP5YVKHD5nHi', key)).toBe(false);
  });

  it('takes the @odata.etag form, quoted, and *', () => {
    expect(ifMatchNames(`W/"${key}"`, key)).toBe(true);
    expect(ifMatchNames(`"${key}"`, key)).toBe(true);
    expect(ifMatchNames(' * ', key)).toBe(true);
  });

  it('refuses another changeKey in every form', () => {
    expect(ifMatchNames('AAAA', key)).toBe(false);
    expect(ifMatchNames('W/"AAAA"', key)).toBe(false);
    expect(ifMatchNames(`W/"${key}`, key)).toBe(false);
  });
});
