import mime from 'mime-types';

/** The file facet's mimeType for a name (application/octet-stream when the extension is unknown). */
export function mimeTypeOf(name: string): string {
  return mime.lookup(name) || 'application/octet-stream';
}
