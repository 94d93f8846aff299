import { ADMIN_CONSENT_ROLES, roleFromClaims } from '../src/files/tenant-admin-role.service.js';

const USER_ROLE = 'b79fbf4d-3ef9-4689-8143-76b194e85509';
const HELPDESK_ADMINISTRATOR = '729827e3-9c14-49f7-bb1b-9608f156bbb8';

/** Reading the `wids` claim: which roles can grant tenant-wide admin consent, and when the claim tells nothing. */
describe('tenant administrator role from the ID token', () => {
  it.each(ADMIN_CONSENT_ROLES.map((role) => [role.name, role.templateId]))('%s can grant admin consent', (name, templateId) => {
    expect(roleFromClaims({ wids: [USER_ROLE, templateId.toUpperCase()] })).toEqual({ kind: 'administrator', roleName: name });
  });

  it('other roles, or only the implicit User role, cannot', () => {
    expect(roleFromClaims({ wids: [USER_ROLE] })).toEqual({ kind: 'not-administrator' });
    expect(roleFromClaims({ wids: [HELPDESK_ADMINISTRATOR, USER_ROLE] })).toEqual({ kind: 'not-administrator' });
  });

  it('no claim, an empty or malformed one, or no ID token at all: unknown, so only trying tells', () => {
    expect(roleFromClaims(null)).toEqual({ kind: 'unknown' });
    expect(roleFromClaims({ oid: 'x' })).toEqual({ kind: 'unknown' });
    expect(roleFromClaims({ wids: [] })).toEqual({ kind: 'unknown' });
    expect(roleFromClaims({ wids: 'Global Administrator' })).toEqual({ kind: 'unknown' });
  });
});
