import { each, eq, like, type ConformanceCase } from '../conformance-case.js';
import { JSON_HEADERS, SUBSCRIPTION } from './shapes.js';
import { graphApi } from './sources.js';

const ENTITY_CONTEXT = like(/\/v1\.0\/\$metadata#subscriptions\/\$entity$/);

export const subscriptionCases: ConformanceCase[] = [
  {
    name: 'POST /subscriptions creates a subscription to new Inbox mail (201)',
    source: graphApi('subscription-post-subscriptions'),
    request: {
      method: 'POST',
      path: '/v1.0/subscriptions',
      body: {
        changeType: 'created',
        notificationUrl: '{notificationUrl}',
        resource: "me/mailFolders('Inbox')/messages",
        expirationDateTime: '{expiration}',
        clientState: 'secretClientValue',
        latestSupportedTlsVersion: 'v1_2',
      },
    },
    expect: {
      status: 201,
      headers: JSON_HEADERS,
      body: {
        '@odata.context': ENTITY_CONTEXT,
        ...SUBSCRIPTION,
        resource: eq("me/mailFolders('Inbox')/messages"),
        changeType: eq('created'),
        clientState: eq('secretClientValue'),
        notificationUrl: eq('{notificationUrl}'),
        expirationDateTime: eq('{expiration}'),
        latestSupportedTlsVersion: eq('v1_2'),
        applicationId: eq('{clientId}'),
        creatorId: eq('{userId}'),
      },
    },
  },
  {
    name: "GET /subscriptions lists the app's subscriptions for the signed-in user, without their clientState",
    source: graphApi('subscription-list'),
    request: { method: 'GET', path: '/v1.0/subscriptions' },
    needs: ['subscriptionId'],
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { '@odata.context': like(/\/v1\.0\/\$metadata#subscriptions$/), value: each({ ...SUBSCRIPTION, clientState: eq(null) }) },
    },
  },
  {
    name: 'GET /subscriptions/{id} returns the subscription',
    source: graphApi('subscription-get'),
    request: { method: 'GET', path: '/v1.0/subscriptions/{subscriptionId}' },
    expect: { status: 200, headers: JSON_HEADERS, body: { '@odata.context': ENTITY_CONTEXT, ...SUBSCRIPTION, id: eq('{subscriptionId}') } },
  },
  {
    name: 'PATCH /subscriptions/{id} {expirationDateTime} renews it and returns the subscription',
    source: graphApi('subscription-update'),
    request: { method: 'PATCH', path: '/v1.0/subscriptions/{subscriptionId}', body: { expirationDateTime: '{laterExpiration}' } },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { ...SUBSCRIPTION, id: eq('{subscriptionId}'), expirationDateTime: eq('{laterExpiration}') },
    },
  },
  {
    name: 'DELETE /subscriptions/{id} answers 204',
    source: graphApi('subscription-delete'),
    request: { method: 'DELETE', path: '/v1.0/subscriptions/{subscriptionId}' },
    expect: { status: 204, text: /^$/ },
  },
  {
    name: 'POST /subscriptions/{id}/reauthorize answers 204',
    source: graphApi('subscription-reauthorize'),
    request: { method: 'POST', path: '/v1.0/subscriptions/{subscriptionId}/reauthorize' },
    expect: { status: 204, text: /^$/ },
  },
];
