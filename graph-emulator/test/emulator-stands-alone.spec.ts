import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_APP } from '../src/seed/demo-tenants.js';
import { isAdminConsentScope, normalizeScope, normalizeScopes, OIDC_SCOPES } from '../src/identity/scopes.js';
import { PERSONAL_ACCOUNT_TENANT_ID } from '../src/identity/well-known-tenants.js';

const EMULATOR_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Our packages' scope, spelled so that this file's own probe below does not read as an import of ours.
const OURS = `@${'m365'}/`;

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
      return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [path] : [];
    }),
  );
  return nested.flat();
}

/** Every module specifier of a file: static imports and re-exports, dynamic `import()`, `require()`. */
function specifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!));
}

describe('the emulator stands alone', () => {
  it('no file of graph-emulator imports a package of ours or a file outside graph-emulator/', async () => {
    const offending: string[] = [];
    for (const folder of ['src', 'test']) {
      for (const file of await sourceFiles(join(EMULATOR_ROOT, folder))) {
        for (const specifier of specifiers(await readFile(file, 'utf8'))) {
          const outside = specifier.startsWith('.') && relative(EMULATOR_ROOT, resolve(dirname(file), specifier)).startsWith(`..${sep}`);
          if (specifier.startsWith(OURS) || outside) offending.push(`${relative(EMULATOR_ROOT, file)} imports ${specifier}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('the scan sees the import forms it checks', () => {
    const found = specifiers(
      `import { a } from '${OURS}shared-types';\nexport * from '../../x.js';\nconst m = await import('${OURS}y');\nimport 'side-effect';`,
    );
    expect(found).toEqual([`${OURS}shared-types`, '../../x.js', 'side-effect', `${OURS}y`]);
  });

  it('package.json declares no package of ours', async () => {
    const manifest = JSON.parse(await readFile(join(EMULATOR_ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const declared = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) => Object.keys(manifest[field] ?? {}));
    expect(declared.filter((name) => name.startsWith(OURS))).toEqual([]);
  });

  it("keeps Microsoft's facts itself: OIDC scopes, the consumers tenant, which delegated permissions need an administrator", () => {
    expect([...OIDC_SCOPES]).toEqual(['openid', 'profile', 'email', 'offline_access']);
    expect(PERSONAL_ACCOUNT_TENANT_ID).toBe('9188040d-6c67-4c5b-b112-36a304b66dad');
    for (const scope of ['User.Read.All', 'Directory.Read.All', 'Group.Read.All', 'People.Read.All', 'Sites.FullControl.All']) {
      expect([scope, isAdminConsentScope(scope)]).toEqual([scope, true]);
    }
    for (const scope of ['User.Read', 'Mail.ReadBasic', 'Mail.ReadWrite', 'Mail.Send', 'Calendars.ReadWrite', 'Files.ReadWrite', 'People.Read', 'offline_access']) {
      expect([scope, isAdminConsentScope(scope)]).toEqual([scope, false]);
    }
    // Not by Microsoft's table but by a tenant's consent policy (the demo tenants keep Sites.Read.All for administrators).
    expect(isAdminConsentScope('sites.read.all')).toBe(false);
    expect(isAdminConsentScope('sites.read.all', { adminOnlyPermissions: ['Sites.Read.All'] })).toBe(true);
  });

  it("writes scopes in the permissions reference's spelling, with or without Graph's resource prefix", () => {
    expect(normalizeScope('https://graph.microsoft.com/mail.readwrite')).toBe('Mail.ReadWrite');
    expect(normalizeScope('MAILBOXSETTINGS.READ')).toBe('MailboxSettings.Read');
    expect(normalizeScope('OpenID')).toBe('openid');
    expect(normalizeScope('Custom.Scope')).toBe('Custom.Scope');
    expect(normalizeScopes(['mail.send', 'Mail.Send', 'user.read'])).toEqual(['Mail.Send', 'User.Read']);
  });

  it("the demo app's registration is seed data the emulator knows every permission of", () => {
    expect(DEMO_APP.requiredScopes).toEqual(['User.Read']);
    expect(DEMO_APP.apiPermissions.map(normalizeScope)).toEqual(DEMO_APP.apiPermissions);
  });
});
