/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { serviceWorker } from './sw-plugin.ts';

export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [svelte(), serviceWorker()],
  worker: { format: 'es' },
  resolve: {
    alias: [
      // monaco-worker-manager still imports the pre-0.56 deep paths (toolchain.md, pitfall 1).
      {
        find: /^monaco-editor\/esm\/vs\/(.*)$/,
        replacement: fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url)) + '$1',
      },
      // The browser loads the full OpenAPI schemas on demand (src/worker/schema-source.ts); Node
      // and the tests (mode 'test') keep the static import.
      ...(mode === 'test'
        ? []
        : [{ find: /^\.\/schema-source$/, replacement: fileURLToPath(new URL('./src/worker/schema-source.ts', import.meta.url)) }]),
    ],
  },
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/scenario/**/*.test.ts', 'tests/lessons/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
    testTimeout: 30000,
  },
}));
