/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { serviceWorker } from './sw-plugin.ts';

/**
 * The app's index.html prefetches the cluster worker's script: the page's boot script starts the
 * worker at once (src/ui/early-worker.ts), but a worker thread asks for its script only once it is
 * up, a good while later on a busy machine; by then the script is in the HTTP cache.
 */
function prefetchClusterWorker(): Plugin {
  return {
    name: 'kubeplay:prefetch-cluster-worker',
    apply: 'build',
    transformIndexHtml(_html, ctx) {
      if (ctx.path !== '/index.html' || !ctx.bundle) return [];
      // The worker built from src/worker/worker.ts (not editor.worker-*, yaml.worker-*).
      const worker = Object.keys(ctx.bundle).find((f) => /(^|\/)worker-[\w-]+\.js$/.test(f));
      if (!worker) throw new Error('kubeplay: no cluster worker script in the bundle to prefetch');
      return [{ tag: 'link', attrs: { rel: 'prefetch', href: `./${worker}` }, injectTo: 'head-prepend' }];
    },
  };
}

export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [svelte(), serviceWorker(), prefetchClusterWorker()],
  worker: { format: 'es' },
  resolve: {
    alias: [
      // monaco-worker-manager still imports the pre-0.56 deep paths (toolchain.md, pitfall 1).
      {
        find: /^monaco-editor\/esm\/vs\/(.*)$/,
        replacement: fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url)) + '$1',
      },
      // The browser loads the full OpenAPI schemas and the field-validation schemas on demand
      // (src/worker/schema-source.ts, fields-source.ts); Node and the tests (mode 'test') keep the
      // static imports.
      ...(mode === 'test'
        ? []
        : [
            { find: /^\.\/schema-source$/, replacement: fileURLToPath(new URL('./src/worker/schema-source.ts', import.meta.url)) },
            { find: /^\.\/fields-source$/, replacement: fileURLToPath(new URL('./src/worker/fields-source.ts', import.meta.url)) },
            // Likewise kubectl and the coreutils, chunks the worker loads after the first prompt.
            { find: /^\.\/kubectl-source$/, replacement: fileURLToPath(new URL('./src/worker/kubectl-lazy.ts', import.meta.url)) },
            { find: /^\.\/programs-source$/, replacement: fileURLToPath(new URL('./src/worker/programs-lazy.ts', import.meta.url)) },
          ]),
    ],
  },
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/scenario/**/*.test.ts', 'tests/lessons/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
    testTimeout: 30000,
  },
}));
