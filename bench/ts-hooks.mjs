// Module hooks that let Node 20 run the bench's TypeScript (and the workspace packages' src/) directly, compiled on
// load with SWC and the repository's .swcrc, the way the Jest suites run them. `@m365/<pkg>` resolves to
// `<pkg>/src/index.ts`, so the bench measures the code in the working tree without touching anyone's dist/.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformSync } from '@swc/core';

const root = new URL('../', import.meta.url);
const swcrc = JSON.parse(readFileSync(new URL('.swcrc', root), 'utf8'));
delete swcrc.$schema;
const WORKSPACE = /^@m365\/([a-z-]+)$/;

export async function resolve(specifier, context, nextResolve) {
  const workspace = WORKSPACE.exec(specifier);
  if (workspace) {
    const entry = new URL(`${workspace[1]}/src/index.ts`, root);
    if (existsSync(entry)) return { url: entry.href, shortCircuit: true };
  }
  // Source files import their siblings as `./x.js`; in src/ those are `./x.ts`.
  if ((specifier.startsWith('.') || specifier.startsWith('/')) && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const candidate = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (existsSync(candidate)) return { url: candidate.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith('.ts')) return nextLoad(url, context);
  const filename = fileURLToPath(url);
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    ...swcrc,
    swcrc: false,
    filename,
    sourceMaps: 'inline',
    sourceFileName: pathToFileURL(filename).href,
  });
  return { format: 'module', source: code, shortCircuit: true };
}
