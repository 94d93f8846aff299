// Compiles what the bench's children run — every workspace package's src/, test-support/ (with the emulator's test/support/) and bench/ — to plain
// JavaScript in a temporary directory, the way scripts/build.mjs builds dist/ (same SWC options), so that:
//   - the worker runs compiled code like a deployment does, without a TypeScript loader in the process (the
//     loader's SWC and its hooks thread add ~75 MB of RSS, which would be charged to the importer);
//   - nobody's dist/ is rebuilt or read (others may be building or testing in this working tree).
// `@m365/<pkg>` imports become relative imports of `<pkg>/src/index.js`; bare imports resolve through a
// `node_modules` symlink to the repository's.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from '@swc/core';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ASSETS = new Set(['.json', '.html', '.css', '.svg', '.sql']);
const WORKSPACE_IMPORT = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])@m365\/([a-z-]+)\2/g;

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

export interface CompiledBench {
  dir: string;
  /** The compiled file of a repository-relative TypeScript path, e.g. `bench/import-worker.ts`. */
  file(repositoryPath: string): string;
  remove(): void;
}

export function compileForBench(): CompiledBench {
  const swcrc = JSON.parse(readFileSync(join(ROOT, '.swcrc'), 'utf8'));
  delete swcrc.$schema;
  const workspaces: string[] = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).workspaces;
  const out = mkdtempSync(join(tmpdir(), 'm365-bench-build-'));
  symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({ private: true, type: 'module' })}\n`);

  // test-support's hosts reuse the emulator keys through the emulator's own test support.
  const sources = [...workspaces.map((pkg) => join(pkg, 'src')), 'test-support', join('graph-emulator', 'test', 'support'), 'bench'];
  for (const source of sources) {
    const from = join(ROOT, source);
    try {
      statSync(from);
    } catch {
      continue;
    }
    for (const path of walk(from)) {
      const rel = relative(ROOT, path);
      const ext = extname(path);
      if (ext === '.ts' && !path.endsWith('.d.ts')) {
        const target = join(out, rel.replace(/\.ts$/, '.js'));
        mkdirSync(dirname(target), { recursive: true });
        const { code } = transformSync(readFileSync(path, 'utf8'), { ...swcrc, swcrc: false, filename: path, sourceMaps: false });
        const rewritten = code.replace(WORKSPACE_IMPORT, (_match, keyword: string, quote: string, pkg: string) => {
          let specifier = relative(dirname(target), join(out, pkg, 'src', 'index.js'));
          if (!specifier.startsWith('.')) specifier = `./${specifier}`;
          return `${keyword}${quote}${specifier}${quote}`;
        });
        writeFileSync(target, rewritten);
      } else if (ASSETS.has(ext)) {
        const target = join(out, rel);
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(path, target);
      }
    }
  }
  return {
    dir: out,
    file: (repositoryPath) => join(out, repositoryPath.replace(/\.ts$/, '.js')),
    remove: () => rmSync(out, { recursive: true, force: true }),
  };
}
