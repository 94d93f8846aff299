import { ATTACHMENT_RESOURCE } from './resources/attachment-resource.js';
import { MAIL_FOLDER_RESOURCE } from './resources/mail-folder-resource.js';
import { MESSAGE_RESOURCE } from './resources/message-resource.js';
import type { ResourceSchema } from './resource-schema.js';

/** The resource tables the engine answers from, with the collections that serve each. */
export const QUERY_RESOURCES: { schema: ResourceSchema; collections: string[] }[] = [
  { schema: MESSAGE_RESOURCE, collections: ['/me/messages', '/me/mailFolders/{id}/messages'] },
  { schema: MAIL_FOLDER_RESOURCE, collections: ['/me/mailFolders', '/me/mailFolders/{id}/childFolders'] },
  { schema: ATTACHMENT_RESOURCE, collections: ['/me/messages/{id}/attachments', '/me/mailFolders/{id}/messages/{id}/attachments'] },
];

const names = (list: string[]) => (list.length > 0 ? list.map((name) => `\`${name}\``).join(', ') : '—');

/** The README's implemented-features table (Markdown), written from the same tables the engine uses. */
export function featureTable(): string {
  const rows = QUERY_RESOURCES.map(({ schema, collections }) => {
    const filterable = schema.properties.filter((property) => property.filter).map((property) => property.name);
    const sortable = schema.properties.filter((property) => property.sort).map((property) => property.name);
    const notFiltered = schema.properties.filter((property) => !property.filter).map((property) => property.name);
    const expand = Object.entries(schema.expand).map(([name, lacks]) => `${name}${lacks ? ' (501)' : ''}`);
    return [
      `\`${schema.type}\` (${collections.map((path) => `\`${path}\``).join(', ')})`,
      'all properties, case-insensitive, `*`',
      `${names(filterable)}; 501 on ${names(notFiltered)}`,
      names(sortable),
      `default ${schema.defaultTop}, max ${schema.maxTop}`,
      schema.search
        ? `KQL: free text, \`from:\` \`subject:\` \`to:\` \`cc:\` \`bcc:\` \`body:\` \`recipients:\` \`participants:\` \`attachment:\`${schema.searchMaxResults ? `; up to ${schema.searchMaxResults} results, paged by \`$skiptoken\`` : ''}`
        : '400',
      names(expand),
    ];
  });
  const header = ['Resource', '$select', '$filter', '$orderby', '$top / maxpagesize', '$search', '$expand'];
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
