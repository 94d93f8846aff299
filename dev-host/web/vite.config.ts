import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const fromRepo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const devHost = process.env.DEV_HOST_URL ?? 'http://127.0.0.1:3000';

// Workspace packages are bundled from source: their dist/ is server output, and TS sources import `./x.js` for `./x.ts`, which Vite resolves.
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@m365/shared-types': fromRepo('shared-types/src/index.ts'),
      '@m365/front-module': fromRepo('front-module/src/index.ts'),
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/graphql': devHost, '/auth': devHost } },
});
