// Compiles every workspace package's src/ to dist/ with SWC (decorator metadata included), copying JSON and HTML assets.
import { readFileSync, readdirSync, mkdirSync, writeFileSync, copyFileSync, rmSync, statSync } from 'node:fs';
import { join, dirname, relative, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFileSync } from '@swc/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
const packages = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
const assetExtensions = new Set(['.json', '.html', '.css', '.svg', '.sql']);

function* walk(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

let count = 0;
for (const pkg of packages) {
  const src = join(root, pkg, 'src');
  const dist = join(root, pkg, 'dist');
  rmSync(dist, { recursive: true, force: true });
  try { statSync(src); } catch { continue; }
  for (const file of walk(src)) {
    const rel = relative(src, file);
    if (file.endsWith('.d.ts') || file.endsWith('.tsx')) continue;
    const ext = extname(file);
    if (ext === '.ts') {
      const out = join(dist, rel.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(out), { recursive: true });
      const { code, map } = transformFileSync(file, { ...swcrc, swcrc: false, sourceFileName: relative(dirname(out), file) });
      writeFileSync(out, `${code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
      if (map) writeFileSync(`${out}.map`, map);
      count += 1;
    } else if (assetExtensions.has(ext)) {
      const out = join(dist, rel);
      mkdirSync(dirname(out), { recursive: true });
      copyFileSync(file, out);
    }
  }
}
console.log(`built ${count} modules`);
