import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// esbuild's own JSX transform: no React plugin needed, and nothing that npm 10 on Node 20 cannot install.
export default defineConfig({
  root,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('../../../dist/services/console/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // The CSP allows only the console's own scripts: no inline module-preload polyfill.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3100', '/dev': 'http://127.0.0.1:3100' },
  },
});
