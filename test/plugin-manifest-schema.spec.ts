import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ADMIN_CONSENT_SCOPES, OIDC_SCOPES, OPTIONAL_GRAPH_SCOPES, REQUIRED_GRAPH_SCOPES } from '@m365/shared-types';

const readJson = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const schema = readJson('../shared-types/src/manifest/plugin-manifest.schema.json');
const manifest = readJson('../plugin.manifest.json');

describe('plugin.manifest.json', () => {
  const validate = new Ajv2020({ allErrors: true }).compile(schema);

  it('satisfies its JSON Schema', () => {
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is rejected by the schema when a field is wrong', () => {
    expect(validate({ ...manifest, routes: [{ method: 'FETCH', path: 'auth', purpose: '' }] })).toBe(false);
    expect(validate({ ...manifest, unexpected: true })).toBe(false);
    const { env: _env, ...withoutEnv } = manifest;
    expect(validate(withoutEnv)).toBe(false);
  });

  it('declares exactly the scopes the code asks for', () => {
    expect([...manifest.scopes.required].sort()).toEqual([...OIDC_SCOPES, ...REQUIRED_GRAPH_SCOPES].sort());
    expect([...manifest.scopes.optional].sort()).toEqual([...OPTIONAL_GRAPH_SCOPES].sort());
    expect(manifest.scopes.adminConsent).toEqual([...ADMIN_CONSENT_SCOPES]);
  });
});
