import { formatItemCount, formatSize } from '../src/files/file-format';

describe('file-format', () => {
  it.each([
    [null, 'No items'],
    [0, 'No items'],
    [1, '1 item'],
    [2, '2 items'],
    [1200, '1,200 items'],
  ])('counts a folder of %p children as "%s"', (count, text) => {
    expect(formatItemCount(count)).toBe(text);
  });

  it('gives sizes in the unit that suits them', () => {
    expect([formatSize(49), formatSize(1536), formatSize(4 * 1024 * 1024), formatSize(200 * 1024 * 1024), formatSize(null)]).toEqual(['49 B', '1.5 KB', '4.0 MB', '200 MB', '']);
  });
});
