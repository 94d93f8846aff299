import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';

/** The loopback hosts a plain-http notification URL may name (local development only). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why a notification URL is refused, and with which Graph error: `scheme` is Graph's https rule. */
export interface NotificationUrlProblem {
  kind: 'invalid' | 'scheme';
  message: string;
}

/**
 * Whether Graph (here: the emulator) accepts this URL for notifications: https only, as Microsoft requires; plain http
 * to the loopback host too when `allowLoopbackHttp` (an emulator allowance for local development).
 */
export function notificationUrlProblem(value: unknown, property: string, allowLoopbackHttp: boolean): NotificationUrlProblem | null {
  const invalid = (message: string): NotificationUrlProblem => ({ kind: 'invalid', message });
  if (typeof value !== 'string' || value === '') return invalid(`${property} is required.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return invalid(`${property} must be an absolute URL.`);
  }
  if (url.username || url.password) return invalid(`${property} must not carry credentials.`);
  if (url.hash) return invalid(`${property} must not have a fragment.`);
  if (url.protocol === 'https:') return null;
  if (allowLoopbackHttp && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname.toLowerCase())) return null;
  // Graph's answer for an http notificationUrl (400 InvalidRequest), as reported in
  // https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/7821; the same wording for the lifecycle URL.
  const name = property.charAt(0).toUpperCase() + property.slice(1);
  return { kind: 'scheme', message: `${name} scheme='${url.protocol.replace(/:$/, '')}' is not supported.` };
}

export interface PostResult {
  /** null when no answer came. */
  status: number | null;
  contentType: string;
  /** The body (up to `maxBodyBytes`), when asked for. */
  body: string;
  durationMs: number;
  timedOut: boolean;
  error?: string;
}

export interface PostOptions {
  contentType: string;
  body: string;
  timeoutMs: number;
  /** Read the body (the handshake needs it); otherwise it is discarded. */
  readBody?: boolean;
  maxBodyBytes?: number;
  /** Network latency before the request leaves; the timeout runs from the start. */
  latencyMs?: number;
}

/**
 * POSTs for the notification service over keep-alive connections. https trusts the system CAs, the emulator's
 * own CA and any extra PEM CAs configured; http is used only for loopback URLs.
 */
export class WebhookClient {
  private httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });
  private httpsAgent: HttpsAgent;
  private caKey = '';

  constructor(
    private readonly fixedCaPems: string[],
    extraCaPem = '',
  ) {
    this.httpsAgent = this.newHttpsAgent(extraCaPem);
  }

  /** Rebuilds the https agent when the trusted extra CAs change. */
  setExtraCaPem(extraCaPem: string): void {
    if (extraCaPem === this.caKey) return;
    const old = this.httpsAgent;
    this.httpsAgent = this.newHttpsAgent(extraCaPem);
    old.destroy();
  }

  private newHttpsAgent(extraCaPem: string): HttpsAgent {
    this.caKey = extraCaPem;
    const ca = [...rootCertificates, ...this.fixedCaPems.filter(Boolean), ...(extraCaPem.trim() ? [extraCaPem] : [])];
    return new HttpsAgent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64, ca });
  }

  post(target: string, options: PostOptions): Promise<PostResult> {
    const started = performance.now();
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return Promise.resolve({ status: null, contentType: '', body: '', timedOut: false, error: 'invalid URL', durationMs: 0 });
    }
    return new Promise<PostResult>((resolve) => {
      let settled = false;
      let request: ClientRequest | undefined;
      const finish = (result: Omit<PostResult, 'durationMs'>): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...result, durationMs: Math.round((performance.now() - started) * 100) / 100 });
      };
      const timer = setTimeout(() => {
        finish({ status: null, contentType: '', body: '', timedOut: true, error: `no answer within ${options.timeoutMs} ms` });
        request?.destroy();
      }, options.timeoutMs);
      const send = (): void => {
        if (!settled) request = this.send(url, options, finish);
      };
      if (options.latencyMs) setTimeout(send, options.latencyMs);
      else send();
    });
  }

  private send(url: URL, options: PostOptions, finish: (result: Omit<PostResult, 'durationMs'>) => void): ClientRequest {
    const secure = url.protocol === 'https:';
    const payload = Buffer.from(options.body, 'utf8');
    const request = (secure ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      agent: secure ? this.httpsAgent : this.httpAgent,
      headers: { 'content-type': options.contentType, 'content-length': payload.length, accept: '*/*', 'user-agent': 'graph-emulator-notifications/1.0' },
    });
    request.on('error', (error) => {
      finish({ status: null, contentType: '', body: '', timedOut: false, error: error.message });
    });
    request.on('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? null;
      const contentType = String(response.headers['content-type'] ?? '');
      if (!options.readBody) {
        response.resume();
        finish({ status, contentType, body: '', timedOut: false });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const max = options.maxBodyBytes ?? 64 * 1024;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= max) chunks.push(chunk);
      });
      response.on('end', () => finish({ status, contentType, body: Buffer.concat(chunks).toString('utf8'), timedOut: false }));
      response.on('error', (error) => finish({ status, contentType, body: '', timedOut: false, error: error.message }));
    });
    request.end(payload);
    return request;
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
