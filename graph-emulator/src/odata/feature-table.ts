import { ATTACHMENT_RESOURCE } from './resources/attachment-resource.js';
import { CALENDAR_RESOURCE } from './resources/calendar-resource.js';
import { CONTACT_FOLDER_RESOURCE, CONTACT_RESOURCE } from './resources/contact-resource.js';
import { EVENT_RESOURCE } from './resources/event-resource.js';
import { MAIL_FOLDER_RESOURCE } from './resources/mail-folder-resource.js';
import { MESSAGE_RESOURCE } from './resources/message-resource.js';
import { LINKED_RESOURCE_RESOURCE, TODO_LIST_RESOURCE, TODO_TASK_RESOURCE } from './resources/todo-resource.js';
import { DRIVE_ITEM_RESOURCE, DRIVE_RESOURCE, SITE_RESOURCE } from './resources/drive-resource.js';
import type { ResourceSchema } from './resource-schema.js';

/** The resource tables the engine answers from, with the collections that serve each. */
export const QUERY_RESOURCES: { schema: ResourceSchema; collections: string[] }[] = [
  { schema: MESSAGE_RESOURCE, collections: ['/me/messages', '/me/mailFolders/{id}/messages'] },
  { schema: MAIL_FOLDER_RESOURCE, collections: ['/me/mailFolders', '/me/mailFolders/{id}/childFolders'] },
  { schema: ATTACHMENT_RESOURCE, collections: ['/me/messages/{id}/attachments', '/me/mailFolders/{id}/messages/{id}/attachments'] },
  { schema: CALENDAR_RESOURCE, collections: ['/me/calendars'] },
  { schema: EVENT_RESOURCE, collections: ['/me/events', '/me/calendars/{id}/events', '/me/calendarView', '/me/events/{id}/instances'] },
  { schema: CONTACT_FOLDER_RESOURCE, collections: ['/me/contactFolders', '/me/contactFolders/{id}/childFolders'] },
  { schema: CONTACT_RESOURCE, collections: ['/me/contacts', '/me/contactFolders/{id}/contacts'] },
  { schema: TODO_LIST_RESOURCE, collections: ['/me/todo/lists'] },
  { schema: TODO_TASK_RESOURCE, collections: ['/me/todo/lists/{id}/tasks'] },
  { schema: LINKED_RESOURCE_RESOURCE, collections: ['/me/todo/lists/{id}/tasks/{id}/linkedResources'] },
  { schema: DRIVE_RESOURCE, collections: ['/me/drives', '/sites/{id}/drives'] },
  { schema: DRIVE_ITEM_RESOURCE, collections: ['/me/drive/root/children', '/me/drive/items/{id}/children', "/me/drive/root/search(q='…')"] },
  { schema: SITE_RESOURCE, collections: ['/sites?search='] },
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
