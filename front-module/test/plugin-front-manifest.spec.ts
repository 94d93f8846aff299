import { readFileSync } from 'node:fs';
import type { PluginManifest } from '@m365/shared-types';
import { microsoftPluginFront } from '../src/plugin-front/plugin-front';

const manifest = JSON.parse(readFileSync(new URL('../../plugin.manifest.json', import.meta.url), 'utf8')) as PluginManifest;

describe('the front contributions and plugin.manifest.json', () => {
  it('list the same slots and ids', () => {
    const declared = microsoftPluginFront.contributions.map((each) => ({ slot: each.slot, id: each.id, ...('objects' in each ? { objects: each.objects } : {}) }));
    expect(declared).toEqual(manifest.front.contributions);
  });

  it('list the same settings pages', () => {
    const pages = microsoftPluginFront.contributions.flatMap((each) => (each.slot === 'settings-page' ? [{ path: each.path, title: each.title }] : []));
    expect(pages).toEqual(manifest.settingsPages);
  });

  it('names the plugin as the manifest does', () => {
    expect(microsoftPluginFront.name).toBe(manifest.name);
    expect(microsoftPluginFront.displayName).toBe(manifest.displayName);
  });
});
