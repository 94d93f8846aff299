import { RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import type { AccountGraphClient } from '../graph/account-graph-client.js';
import { classifyGraphError } from '../graph/graph-error.classifier.js';
import { MicrosoftGraphErrorKind, MicrosoftGraphException } from '../graph/microsoft-graph.exception.js';
import type { MicrosoftHttpTransport } from '../http/microsoft-http-transport.js';
import { toDriveItemRef, type DocumentLibraryRef, type DriveItemRef, type GraphDriveItem, type SharePointSiteRef } from './drive-item.types.js';
import { PICKER_PAGE_SIZE } from './files.constants.js';

const NO_RETRY = [new RetryHandlerOptions(0, 0)];
export const ITEM_FIELDS = 'id,name,webUrl,size,lastModifiedDateTime,file,folder,parentReference';

/** Where a folder is: a drive and an item in it; no item is the drive's root; no drive is the user's own OneDrive. */
export interface FolderRef {
  driveId?: string | null;
  itemId?: string | null;
}

export interface UploadChunkAnswer {
  done: boolean;
  item: DriveItemRef | null;
  nextExpectedRanges: string[];
}

const seg = (value: string) => encodeURIComponent(value);
const driveBase = (driveId?: string | null) => (driveId ? `/drives/${seg(driveId)}` : '/me/drive');
const itemBase = (folder: FolderRef) => `${driveBase(folder.driveId)}${folder.itemId ? `/items/${seg(folder.itemId)}` : '/root'}`;
// OData string literals double their single quotes (https://learn.microsoft.com/graph/query-parameters#escaping-single-quotes).
const odataString = (text: string) => `'${encodeURIComponent(text.replace(/'/g, "''"))}'`;

/** OneDrive and SharePoint through Graph v1.0 for one connected account (its token, its gate). */
export class GraphDriveClient {
  constructor(
    private readonly graph: AccountGraphClient,
    private readonly transport: MicrosoftHttpTransport,
  ) {}

  /** The signed-in user's drive: https://learn.microsoft.com/graph/api/drive-get */
  async myDrive(): Promise<{ id: string; driveType: string; webUrl: string | null }> {
    const drive = (await this.graph.request((client) => client.api('/me/drive').select('id,driveType,webUrl').get())) as { id: string; driveType?: string; webUrl?: string };
    return { id: drive.id, driveType: drive.driveType ?? 'personal', webUrl: drive.webUrl ?? null };
  }

  /** An item by drive and id, wherever it moved; null when Microsoft no longer has it. https://learn.microsoft.com/graph/api/driveitem-get */
  async getItem(driveId: string, itemId: string): Promise<DriveItemRef | null> {
    try {
      const item = (await this.graph.request((client) => client.api(`/drives/${seg(driveId)}/items/${seg(itemId)}`).select(ITEM_FIELDS).get())) as GraphDriveItem;
      if (item.deleted) return null;
      return toDriveItemRef(item, driveId);
    } catch (error) {
      if (error instanceof MicrosoftGraphException && error.kind === MicrosoftGraphErrorKind.NOT_FOUND) return null;
      throw error;
    }
  }

  /** The folder itself and its children, folders first as Graph pages them. https://learn.microsoft.com/graph/api/driveitem-list-children */
  async listChildren(folder: FolderRef): Promise<{ folder: DriveItemRef | null; items: DriveItemRef[] }> {
    const base = itemBase(folder);
    const [self, page] = await Promise.all([
      this.graph.request((client) => client.api(base).select(ITEM_FIELDS).get()) as Promise<GraphDriveItem>,
      this.graph.request((client) => client.api(`${base}/children`).select(ITEM_FIELDS).top(PICKER_PAGE_SIZE).get()) as Promise<{ value: GraphDriveItem[] }>,
    ]);
    // A drive's root carries no parentReference: its drive is its children's.
    const childRef = page.value[0]?.parentReference;
    const here = toDriveItemRef(self, folder.driveId ?? childRef?.driveId ?? null, childRef?.driveType ?? 'personal');
    const driveId = here?.driveId ?? folder.driveId ?? null;
    return { folder: here, items: page.value.flatMap((item) => toDriveItemRef(item, driveId) ?? []) };
  }

  /** Items whose name, metadata or content match, in one drive. https://learn.microsoft.com/graph/api/driveitem-search */
  async search(text: string, driveId?: string | null): Promise<DriveItemRef[]> {
    const page = (await this.graph.request((client) => client.api(`${driveBase(driveId)}/root/search(q=${odataString(text)})`).select(ITEM_FIELDS).top(PICKER_PAGE_SIZE).get())) as { value: GraphDriveItem[] };
    return page.value.flatMap((item) => toDriveItemRef(item, driveId ?? null) ?? []);
  }

  /** What the user opened or changed lately, in any drive. https://learn.microsoft.com/graph/api/drive-recent */
  async recent(): Promise<DriveItemRef[]> {
    const page = (await this.graph.request((client) => client.api('/me/drive/recent').get())) as { value: GraphDriveItem[] };
    return page.value.flatMap((item) => toDriveItemRef(item) ?? []);
  }

  /** A new folder; a clash of names gets Microsoft's own "Name 1". https://learn.microsoft.com/graph/api/driveitem-post-children */
  async createFolder(parent: FolderRef, name: string): Promise<DriveItemRef> {
    const created = (await this.graph.request((client) =>
      client.api(`${itemBase(parent)}/children`).middlewareOptions(NO_RETRY).post({ name, folder: {}, '@microsoft.graph.conflictBehavior': 'rename' }),
    )) as GraphDriveItem;
    return toDriveItemRef(created, parent.driveId ?? null)!;
  }

  /** A small file in one request. https://learn.microsoft.com/graph/api/driveitem-put-content */
  async putSmallFile(parent: FolderRef, name: string, content: Buffer, contentType: string): Promise<DriveItemRef> {
    const created = (await this.graph.request((client) =>
      client
        .api(`${itemBase(parent)}:/${seg(name)}:/content`)
        .query({ '@microsoft.graph.conflictBehavior': 'rename' })
        .header('Content-Type', contentType || 'application/octet-stream')
        .middlewareOptions(NO_RETRY)
        .put(content),
    )) as GraphDriveItem;
    return toDriveItemRef(created, parent.driveId ?? null)!;
  }

  /** An upload session for a larger file. https://learn.microsoft.com/graph/api/driveitem-createuploadsession */
  async createUploadSession(parent: FolderRef, name: string, size: number): Promise<{ uploadUrl: string }> {
    const session = (await this.graph.request((client) =>
      client
        .api(`${itemBase(parent)}:/${seg(name)}:/createUploadSession`)
        .middlewareOptions(NO_RETRY)
        .post({ item: { '@microsoft.graph.conflictBehavior': 'rename', name, fileSize: size } }),
    )) as { uploadUrl: string };
    return { uploadUrl: session.uploadUrl };
  }

  /**
   * One range of the file. The upload URL is pre-authenticated: sending Authorization with it may be refused
   * (https://learn.microsoft.com/graph/api/driveitem-createuploadsession#remarks).
   */
  async uploadChunk(uploadUrl: string, chunk: Buffer, start: number, total: number, driveId: string | null): Promise<UploadChunkAnswer> {
    const end = start + chunk.length - 1;
    let response: Awaited<ReturnType<MicrosoftHttpTransport['putBytes']>>;
    try {
      // The upload URL carries its own credentials; the range goes as it is (fetch would copy a Buffer body whole).
      response = await this.transport.putBytes(uploadUrl, { 'content-length': String(chunk.length), 'content-range': `bytes ${start}-${end}/${total}` }, chunk);
    } catch (error) {
      throw classifyGraphError(error);
    }
    const { text } = response;
    const body = text ? (JSON.parse(text) as GraphDriveItem & { nextExpectedRanges?: string[] }) : null;
    if (response.status === 200 || response.status === 201) return { done: true, item: body ? toDriveItemRef(body, driveId) : null, nextExpectedRanges: [] };
    if (response.status === 202) return { done: false, item: null, nextExpectedRanges: body?.nextExpectedRanges ?? [] };
    throw classifyGraphError({ statusCode: response.status, body: text, headers: response.headers, message: `upload range ${start}-${end} answered ${response.status}` });
  }

  /** Where the session stands: the first byte OneDrive still expects (https://learn.microsoft.com/graph/api/driveitem-createuploadsession#resuming-an-in-progress-upload). */
  async uploadSessionNextStart(uploadUrl: string): Promise<number | null> {
    const response = await this.transport.fetch(uploadUrl, { method: 'GET' });
    const text = await response.text();
    if (!response.ok) return null;
    const ranges = (JSON.parse(text) as { nextExpectedRanges?: string[] }).nextExpectedRanges ?? [];
    const first = ranges[0] ? Number(ranges[0].split('-')[0]) : NaN;
    return Number.isFinite(first) ? first : null;
  }

  /** Gives up an unfinished session so its bytes are dropped at once. */
  async cancelUploadSession(uploadUrl: string): Promise<void> {
    await this.transport.fetch(uploadUrl, { method: 'DELETE' }).then((response) => response.text()).catch(() => undefined);
  }

  /** Sites the user can see whose name matches. https://learn.microsoft.com/graph/api/site-search */
  async searchSites(text: string): Promise<SharePointSiteRef[]> {
    const page = (await this.graph.request((client: Client) => client.api('/sites').query({ search: text }).get())) as { value: Array<{ id: string; name?: string; displayName?: string; webUrl?: string }> };
    return page.value.map((site) => ({ id: site.id, name: site.displayName ?? site.name ?? site.id, webUrl: site.webUrl ?? null }));
  }

  /** A site's document libraries. https://learn.microsoft.com/graph/api/drive-list */
  async siteLibraries(siteId: string): Promise<DocumentLibraryRef[]> {
    const page = (await this.graph.request((client) => client.api(`/sites/${seg(siteId)}/drives`).get())) as { value: Array<{ id: string; name?: string; webUrl?: string; driveType?: string }> };
    return page.value.filter((drive) => !drive.driveType || drive.driveType === 'documentLibrary').map((drive) => ({ driveId: drive.id, name: drive.name ?? drive.id, webUrl: drive.webUrl ?? null }));
  }
}

