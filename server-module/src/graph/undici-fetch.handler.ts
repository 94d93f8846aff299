import type { Middleware, Context } from '@microsoft/microsoft-graph-client';
import type { MicrosoftHttpTransport } from '../http/microsoft-http-transport.js';

/** Last link of the Graph SDK's middleware chain: sends through the plugin's transport (its trusted CAs, its pool). */
export class UndiciFetchHandler implements Middleware {
  constructor(private readonly transport: MicrosoftHttpTransport) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const response = await this.transport.fetch(url, context.options as never);
    context.response = response as unknown as Response;
  }
}
