import { each, eq, like, type ConformanceCase } from '../conformance-case.js';
import { JSON_HEADERS, MAIL_FOLDER, notImplementedError } from './shapes.js';
import { graphApi, graphConcept } from './sources.js';

const COUNT_SOURCE = graphConcept('query-parameters#count-parameter');
const COUNT_ANSWER = { status: 200, headers: { 'content-type': /^text\/plain/ }, text: /^\d+$/ };

export const mailFolderCases: ConformanceCase[] = [
  {
    name: 'GET /me/mailFolders lists the top-level folders',
    source: graphApi('user-list-mailfolders'),
    request: { method: 'GET', path: '/v1.0/me/mailFolders' },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { '@odata.context': like(/\$metadata#users\('[^']+'\)\/mailFolders$/), value: each(MAIL_FOLDER) },
    },
  },
  {
    name: 'GET /me/mailFolders/{id} returns one folder',
    source: graphApi('mailfolder-get'),
    request: { method: 'GET', path: '/v1.0/me/mailFolders/{inboxId}' },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { '@odata.context': like(/\$metadata#users\('[^']+'\)\/mailFolders\/\$entity$/), ...MAIL_FOLDER },
    },
  },
  {
    name: 'GET /me/mailFolders/{well-known name} returns that folder',
    source: graphApi('resources/mailfolder'),
    request: { method: 'GET', path: '/v1.0/me/mailFolders/inbox' },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...MAIL_FOLDER, id: eq('{inboxId}') } },
  },
  {
    name: 'GET /me/mailFolders/{id}/childFolders lists the folders under one',
    source: graphApi('mailfolder-list-childfolders'),
    request: { method: 'GET', path: '/v1.0/me/mailFolders/{parentFolderId}/childFolders' },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { '@odata.context': like(/\/childFolders$/), value: each({ ...MAIL_FOLDER, parentFolderId: eq('{parentFolderId}') }) },
    },
  },
  {
    name: 'GET /me/mailFolders/$count answers the number as text',
    source: COUNT_SOURCE,
    request: { method: 'GET', path: '/v1.0/me/mailFolders/$count' },
    expect: COUNT_ANSWER,
  },
  {
    name: 'GET /me/mailFolders/{id}/childFolders/$count answers the number as text',
    source: COUNT_SOURCE,
    request: { method: 'GET', path: '/v1.0/me/mailFolders/{parentFolderId}/childFolders/$count' },
    expect: COUNT_ANSWER,
  },
  {
    name: 'GET /me/mailFolders/delta',
    source: graphApi('mailfolder-delta'),
    request: { method: 'GET', path: '/v1.0/me/mailFolders/delta' },
    expect: { status: 501, headers: JSON_HEADERS, body: notImplementedError() },
    refusal: 'the emulator keeps no change log of folders, only of messages; Graph answers 200 with the folders and a deltaLink',
  },
];
