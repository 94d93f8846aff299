/**
 * Whether an `If-Match` header names an item's current changeKey. Graph takes the changeKey bare or as the item's
 * `@odata.etag` (`W/"…"`, or quoted). A changeKey is base64, so a bare one can itself begin with `W/`: the weak
 * marker is only the marker when a quoted value follows it.
 */
export function ifMatchNames(ifMatch: string, changeKey: string): boolean {
  const value = ifMatch.trim();
  if (value === '*') return true;
  const quoted = /^(?:W\/)?"(.*)"$/.exec(value);
  return (quoted ? quoted[1] : value) === changeKey;
}
