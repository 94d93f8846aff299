import { graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { messageJson } from '../../mail/message-shape.js';
import { parseSelect } from '../../odata/query-options.js';
import { MESSAGE_RESOURCE } from '../../odata/resources/message-resource.js';
import type { DeltaChange, MessageView } from '../../store/mail/mail-store.js';
import { preferences, type GraphCall, type GraphResult } from '../graph-call.js';
import { decodeDeltaToken, encodeDeltaToken, type DeltaState } from './delta-token.js';
import { readDeltaRequest } from './delta-options.js';
import { appliedHeader, mailboxAccess, shapePreferences } from './mail-access.js';

const MESSAGE_TYPE = '#microsoft.graph.message';

/**
 * `GET /me/mailFolders/{id}/messages/delta`: an initial walk of the folder in pages (`@odata.nextLink` with
 * `$skiptoken`), ending in an `@odata.deltaLink` (`$deltatoken`); later rounds return what changed since:
 * created/updated messages, `@removed` (reason `deleted`) for deleted messages and for messages moved out.
 */
export function messageDelta(context: EmulatorContext, call: GraphCall, [userSegment, folderSegment]: string[]): GraphResult {
  const { user, basePath } = mailboxAccess(context, call, userSegment!);
  const mail = context.store.mail;
  const folder = mail.getFolder(user.id, folderSegment!);
  if (!folder) throw graph.itemNotFound();
  const link = `${call.origin}/v1.0${basePath}/mailFolders/${encodeURIComponent(folderSegment!)}/messages/delta`;

  const request = readDeltaRequest(call);
  const scope = mail.deltaScope(user.id, folder.id);
  let state: DeltaState;
  if (request.token !== undefined) {
    const decoded = decodeDeltaToken(request.token, mail.deltaTokenSecret);
    if (!decoded || decoded.u !== user.id || decoded.f !== folder.id) throw graph.badDeltaToken();
    if (decoded.e !== scope.epoch) {
      const restart = new URLSearchParams();
      if (decoded.sel) restart.set('$select', decoded.sel);
      if (decoded.flt) restart.set('$filter', decoded.flt);
      if (decoded.top) restart.set('$top', String(decoded.top));
      if (decoded.ct) restart.set('changeType', decoded.ct);
      restart.set('$deltatoken', '');
      throw graph.syncStateNotFound(`${link}?${restart.toString().replace(/%24/g, '$')}`);
    }
    state = decoded;
  } else {
    state = { u: user.id, f: folder.id, e: scope.epoch, p: 'w', s: scope.seq, k: -1, ...request.options };
  }

  const settings = mail.getSettings().delta;
  const requested = Number(preferences(call).get('odata.maxpagesize'));
  const preferred = Number.isInteger(requested) && requested > 0 ? Math.min(requested, settings.maxPageSize) : undefined;
  const pageSize = Math.min(state.top ?? preferred ?? settings.defaultPageSize, preferred ?? settings.maxPageSize);
  const { options, applied } = shapePreferences(call);
  if (preferred !== undefined) applied.unshift(`odata.maxpagesize=${preferred}`);
  const shape = { ...options, select: state.sel ? parseSelect(state.sel, MESSAGE_RESOURCE) : undefined };
  const upsert = (message: MessageView) => ({ '@odata.type': MESSAGE_TYPE, ...messageJson(message, shape) });
  const replay = !state.r && context.store.outlookLimits.drawReplay(settings.replayRate);
  const { r: _previousReplay, ...carried } = state;

  let value: Record<string, unknown>[];
  let next: DeltaState | undefined;
  let delta: DeltaState | undefined;
  if (state.p === 'w') {
    const page = mail.walkFolder(user.id, folder.id, state.k ?? -1, pageSize, state.since);
    value = page.items.map(upsert);
    if (!page.done || (replay && page.items.length > 1)) {
      // A replay rewinds the cursor so the last third of this page comes again on the next one.
      const replayed = replay ? Math.max(1, Math.floor(page.items.length / 3)) : 0;
      const lastKey = replayed > 0 ? (page.items[page.items.length - replayed - 1]?.key ?? state.k ?? -1) : page.lastKey;
      next = { ...carried, k: lastKey, ...(replayed > 0 ? { r: 1 as const } : {}) };
    } else {
      delta = { ...carried, p: 'c', s: state.s, k: undefined };
    }
  } else {
    const upTo = state.t ?? scope.seq;
    const after = state.c ?? state.s;
    const page = mail.folderChanges(user.id, folder.id, after, upTo, pageSize, state.since);
    value = page.changes.filter((change) => wanted(change, state)).map((change: DeltaChange) =>
      change.kind === 'upsert'
        ? upsert(change.message)
        : { '@odata.type': MESSAGE_TYPE, id: options.immutableIds ? change.immutableId : change.id, '@removed': { reason: 'deleted' } },
    );
    if (!page.done || (replay && page.changes.length > 0)) {
      // A replay serves this page's changes again on the next page.
      next = { ...carried, t: upTo, c: replay && page.changes.length > 0 ? after : page.lastSeq, ...(replay && page.changes.length > 0 ? { r: 1 as const } : {}) };
    } else {
      delta = { ...carried, s: upTo, t: undefined, c: undefined };
    }
  }

  const body: Record<string, unknown> = { '@odata.context': `${call.origin}/v1.0/$metadata#Collection(message)`, value };
  if (next) body['@odata.nextLink'] = `${link}?$skiptoken=${encodeDeltaToken(next, mail.deltaTokenSecret)}`;
  if (delta) body['@odata.deltaLink'] = `${link}?$deltatoken=${encodeDeltaToken(delta, mail.deltaTokenSecret)}`;
  return { status: 200, headers: appliedHeader(applied), body };
}

/** Whether a change of a round is of the `changeType` the sync asked for: created = came into the folder this round. */
function wanted(change: DeltaChange, state: DeltaState): boolean {
  if (!state.ct) return true;
  if (change.kind === 'removed') return state.ct === 'deleted';
  const created = change.enteredSeq > state.s;
  return state.ct === (created ? 'created' : 'updated');
}
