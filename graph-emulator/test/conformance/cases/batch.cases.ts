import { each, eq, optional, some, type ConformanceCase } from '../conformance-case.js';
import { GRAPH_ERROR, JSON_HEADERS } from './shapes.js';
import { graphConcept } from './sources.js';

export const batchCases: ConformanceCase[] = [
  {
    name: 'POST /$batch answers 200 with one response per request: id, status, headers and body',
    source: graphConcept('json-batching'),
    request: {
      method: 'POST',
      path: '/v1.0/$batch',
      body: {
        requests: [
          { id: '1', method: 'GET', url: '/me' },
          { id: '2', dependsOn: ['1'], method: 'GET', url: '/me/mailFolders/inbox' },
          { id: '3', method: 'PATCH', url: '/me/messages/{messageId}', headers: { 'Content-Type': 'application/json' }, body: { isRead: true } },
          { id: '4', method: 'GET', url: '/me/messages?$select=subject&$top=2' },
        ],
      },
    },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: {
        responses: each({
          id: 'string',
          status: 'integer',
          headers: { 'OData-Version': optional('string'), 'Content-Type': 'string' },
          body: 'object',
        }),
      },
    },
  },
  {
    name: 'POST /$batch: a request that depends on a failed one answers 424 inside the batch',
    source: graphConcept('json-batching'),
    request: {
      method: 'POST',
      path: '/v1.0/$batch',
      body: {
        requests: [
          { id: '1', method: 'GET', url: '/me/messages/AAMkAGNotAMessage=' },
          { id: '2', dependsOn: ['1'], method: 'GET', url: '/me' },
        ],
      },
    },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { responses: some({ id: eq('2'), status: eq(424), body: GRAPH_ERROR }) },
    },
  },
];
