import slugify from 'slugify';

export const SLUG_MIN_LENGTH = 3;
export const SLUG_MAX_LENGTH = 60;
const SLUG_PATTERN = /^[a-z0-9-]+$/;

/** The address part a title suggests: lowercase ASCII letters and digits (ß → ss, é → e, & → and), anything else one '-'. */
export function slugFromTitle(title: string): string {
  const slug = slugify(title, { replacement: ' ', lower: true })
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, SLUG_MAX_LENGTH).replace(/-+$/, '');
}

/** Why the server would refuse this slug, in words; null when it has the contract's shape (whether it is taken only the server knows). */
export function slugProblem(slug: string): string | null {
  if (slug.length === 0) return 'Choose an address for the page';
  if (!SLUG_PATTERN.test(slug)) return 'Use only lowercase letters, digits and hyphens';
  if (slug.length < SLUG_MIN_LENGTH) return `Use at least ${SLUG_MIN_LENGTH} characters`;
  if (slug.length > SLUG_MAX_LENGTH) return `Use at most ${SLUG_MAX_LENGTH} characters`;
  if (slug.startsWith('-') || slug.endsWith('-')) return 'Start and end with a letter or digit';
  if (slug.includes('--')) return 'Use single hyphens';
  return null;
}

/** The public link as it will read once saved: the server's origin is not known before, so this is the path. */
export const slugPath = (slug: string) => `/book/${slug}`;
