import { all, each, eq, some, type ConformanceCase } from '../conformance-case.js';
import { GRAPH_ERROR, JSON_HEADERS } from './shapes.js';
import { graphConcept } from './sources.js';

const ODATA_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const getMe = (id: string) => ({ id, method: 'GET', url: '/me' });

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
        responses: all(
          each({ id: 'string', status: 'integer', headers: { 'Cache-Control': 'string', 'Content-Type': 'string' }, body: 'object' }),
          some({ status: eq(200), headers: { 'OData-Version': eq('4.0'), 'Content-Type': eq(ODATA_JSON) } }),
        ),
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
  {
    name: 'POST /$batch with two requests of the same id answers 400',
    source: graphConcept('json-batching'),
    request: { method: 'POST', path: '/v1.0/$batch', body: { requests: [getMe('1'), getMe('1')] } },
    expect: { status: 400, headers: JSON_HEADERS, body: GRAPH_ERROR },
  },
  {
    name: 'POST /$batch with more than 20 requests answers 400',
    source: graphConcept('json-batching#batch-size-limitations'),
    request: { method: 'POST', path: '/v1.0/$batch', body: { requests: Array.from({ length: 21 }, (_, index) => getMe(String(index + 1))) } },
    expect: { status: 400, headers: JSON_HEADERS, body: GRAPH_ERROR },
  },
];
