import { fileErrors } from '../../files/file-errors.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { odataErrors } from '../../odata/odata-errors.js';
import { refuseQueryOptions } from '../../odata/query-options.js';
import type { LinkScope, LinkType } from '../../store/files/file-records.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { driveAt, itemAt } from './drive-access.js';

const TYPES: LinkType[] = ['view', 'edit', 'embed'];
const SCOPES: LinkScope[] = ['anonymous', 'organization', 'users'];

/**
 * `POST …/items/{id}/createLink` `{type, scope?}` (driveitem-createlink.md): 201 with a new link's permission, 200
 * with the one the item has of that type and scope. `embed` and passwords are OneDrive personal's, `organization`
 * OneDrive for Business's and SharePoint's. Without a scope, the drive's default: anonymous on personal drives,
 * organization elsewhere.
 */
export function createLink(context: EmulatorContext, call: GraphCall, [base, itemBase, path]: string[]): GraphResult {
  refuseQueryOptions(call.query);
  const drive = driveAt(context, call, base!, true);
  const item = itemAt(context, drive, itemBase!, path);
  const body = (call.body ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (['password', 'expirationDateTime', 'recipients', 'sendNotification'].includes(key)) throw odataErrors.notImplemented(`createLink with '${key}'`);
    if (!['type', 'scope', 'retainInheritedPermissions'].includes(key)) throw fileErrors.invalidRequest(`The property '${key}' is not a createLink parameter.`);
  }
  const type = body.type as LinkType;
  if (!TYPES.includes(type)) throw fileErrors.invalidRequest("createLink needs a 'type': view, edit or embed.");
  const personal = drive.driveType === 'personal';
  const scope = (body.scope ?? (personal ? 'anonymous' : 'organization')) as LinkScope;
  if (!SCOPES.includes(scope)) throw fileErrors.invalidRequest("'scope' is anonymous, organization or users.");
  if (scope === 'users') throw odataErrors.notImplemented("createLink with scope 'users'");
  if (scope === 'organization' && personal) throw fileErrors.invalidRequest("The 'organization' scope is for OneDrive for Business and SharePoint; this is a personal OneDrive.");
  if (type === 'embed' && !personal) throw fileErrors.invalidRequest("'embed' links are made only on OneDrive personal.");
  const { link, created } = context.store.files.createLink(drive.id, item.id, type, scope);
  const webUrl = `${call.origin}/onedrive/s/${link.token}`;
  return {
    status: created ? 201 : 200,
    body: {
      '@odata.context': `${call.origin}/v1.0/$metadata#microsoft.graph.permission`,
      id: link.id,
      roles: [type === 'edit' ? 'write' : 'read'],
      link: {
        type,
        scope,
        webUrl,
        ...(type === 'embed' ? { webHtml: `<iframe src="${webUrl}?embed=1" width="98" height="120" frameborder="0" scrolling="no"></iframe>` } : {}),
        application: { id: call.caller.claims.appid, displayName: context.store.getApp(call.caller.claims.appid)?.displayName ?? '' },
      },
      hasPassword: false,
    },
  };
}
