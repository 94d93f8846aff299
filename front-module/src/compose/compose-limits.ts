/** Outlook's limits, checked before a byte is uploaded (the server checks them again). */
export const ATTACHMENT_MAX_BYTES = 150 * 1024 * 1024;
export const MESSAGE_LIMIT_BYTES = 35 * 1024 * 1024;
export const AUTOSAVE_DELAY_MS = 1500;

const MB = 1024 * 1024;
export const formatSize = (bytes: number) => (bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Why this file cannot be attached, or null. `alreadyAttached` counts the files on the draft. */
export function attachmentSizeError(file: { name: string; size: number }, alreadyAttached: number): string | null {
  if (file.size > ATTACHMENT_MAX_BYTES) return `${file.name} is ${formatSize(file.size)}; Outlook takes attachments up to 150 MB.`;
  if (alreadyAttached + file.size > MESSAGE_LIMIT_BYTES) {
    return `With ${file.name} the attachments come to ${formatSize(alreadyAttached + file.size)}, over Outlook's 35 MB message limit.`;
  }
  return null;
}

/** The same shape the server accepts; the server names the address it refuses in any case. */
export function isPlausibleAddress(address: string): boolean {
  return /^[^\s@"<>(),;:]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(address) && !/\.\.|^\.|\.@/.test(address);
}

/** "Lee Gu <lee.gu@fabrikam.com>", "lee.gu@fabrikam.com" or several separated by commas / semicolons. */
export function parseRecipients(text: string): Array<{ address: string; name: string | null }> {
  return text
    .split(/[,;\n]+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(.*)<([^>]+)>$/.exec(part);
      return match ? { address: match[2]!.trim(), name: match[1]!.trim().replace(/^"|"$/g, '') || null } : { address: part, name: null };
    });
}
