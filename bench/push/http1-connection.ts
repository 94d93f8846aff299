// One keep-alive HTTP/1.1 connection of the webhook load generator: writes a request, reads its answer (status
// line, headers, a Content-Length body), one request at a time. Built on a plain socket because a full client
// (undici's pool) cost the 2-core machine over half a core at 5,000 requests/s and queued requests of its own,
// which the benchmark would have charged to the server it measures.
import { connect, type Socket } from 'node:net';

export interface Http1Answer {
  status: number;
  endedAt: number;
}

export class Http1Connection {
  private buffer = '';
  private waiting?: { resolve: (answer: Http1Answer) => void; reject: (error: Error) => void };

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(Object.assign(new Error('connection closed'), { code: 'ECONNRESET' })));
  }

  static open(host: string, port: number): Promise<Http1Connection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host, () => {
        socket.off('error', reject);
        resolve(new Http1Connection(socket));
      });
      socket.once('error', reject);
    });
  }

  get busy(): boolean {
    return this.waiting !== undefined;
  }

  /** Sends `head` + `body` (the head without Content-Length: it is added here) and resolves with the answer. */
  request(head: string, body: string): Promise<Http1Answer> {
    if (this.waiting) throw new Error('one request at a time per connection');
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(`${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, 'latin1');
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    const headEnd = this.buffer.indexOf('\r\n\r\n');
    if (headEnd === -1) return;
    const head = this.buffer.slice(0, headEnd);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    const total = headEnd + 4 + (length ? Number(length[1]) : 0);
    if (this.buffer.length < total) return;
    this.buffer = this.buffer.slice(total);
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve({ status: Number(head.slice(9, 12)), endedAt: performance.now() });
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }
}
