import { eq, like, type ConformanceCase } from '../conformance-case.js';
import { GRAPH_ERROR, JSON_HEADERS } from './shapes.js';
import { graphConcept } from './sources.js';

/** What Graph answers on any Outlook route, whatever the resource. */
export const protocolCases: ConformanceCase[] = [
  {
    name: 'A request over the mailbox budget answers 429 with Retry-After and a Graph error',
    source: graphConcept('throttling'),
    request: { method: 'GET', path: '/v1.0/me/messages' },
    needs: ['rateLimitReached'],
    expect: {
      status: 429,
      headers: { ...JSON_HEADERS, 'retry-after': /^\d+(\.\d+)?$/ },
      body: GRAPH_ERROR,
    },
  },
  {
    name: 'GET /me without a token answers 401 InvalidAuthenticationToken',
    source: graphConcept('errors'),
    request: { method: 'GET', path: '/v1.0/me', auth: 'none' },
    expect: { status: 401, headers: JSON_HEADERS, body: { error: { ...(GRAPH_ERROR.error as object), code: eq('InvalidAuthenticationToken') } } },
  },
  {
    name: 'GET /me/messages/{id} of a message that does not exist answers 404 with a Graph error',
    source: graphConcept('errors'),
    request: { method: 'GET', path: '/v1.0/me/messages/AAMkAGNotAMessage=' },
    expect: { status: 404, headers: JSON_HEADERS, body: { error: { ...(GRAPH_ERROR.error as object), code: like(/itemNotFound/i) } } },
  },
];
