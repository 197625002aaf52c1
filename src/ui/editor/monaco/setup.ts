// Everything Monaco, in one lazily loaded chunk: Editor.svelte does `import('./monaco/setup')` on
// the first Edit click, so nothing here is on the first screen. The tree-shakeable 0.56+ entries,
// the two workers (editor and YAML) bundled by Vite, monaco-yaml with the Kubernetes schema built
// from the apiserver's OpenAPI components, and no network: enableSchemaRequest is false and the
// schema is registered in memory. See ../../../../shared/reference/toolchain.md (pitfalls 1–3).
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import YamlWorker from './yaml.worker?worker';
import generated from '../../../generated/k8s-schemas.json';
import { buildKubernetesSchema, SCHEMA_URI, type KindEntry, type OpenApiSchema } from '../schema';

export { monaco };

type WorkerEnv = { getWorker(moduleId: string, label: string): Worker };
const env: WorkerEnv = {
  getWorker(_moduleId, label) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};
(globalThis as unknown as { MonacoEnvironment: WorkerEnv }).MonacoEnvironment = env;

/**
 * monaco-worker-manager still calls `createWebWorker({ moduleId, label, createData })`, which
 * Monaco ≥ 0.53 ignores (it wants `{ worker }`), so every YAML request would reach the plain editor
 * worker and fail silently. This shim creates the YAML worker itself and replays the old
 * handshake: the first message is ignored, the second carries createData (toolchain pitfall 2).
 */
const createWebWorker = monaco.editor.createWebWorker;
type LegacyWorkerOptions = { moduleId?: string; label?: string; createData?: unknown; host?: Record<string, Function>; keepIdleModels?: boolean };
const monacoForYaml = {
  ...monaco,
  editor: {
    ...monaco.editor,
    createWebWorker(opts: LegacyWorkerOptions | Parameters<typeof createWebWorker>[0]) {
      if ('worker' in opts) return createWebWorker(opts);
      const legacy = opts as LegacyWorkerOptions;
      const worker = Promise.resolve(env.getWorker(legacy.moduleId ?? 'workerMain.js', legacy.label ?? 'yaml')).then((w) => {
        w.postMessage('ignore');
        w.postMessage(legacy.createData);
        return w;
      });
      return createWebWorker({ worker, host: legacy.host, keepIdleModels: legacy.keepIdleModels });
    },
  },
} as unknown as typeof monaco;

const file = generated as unknown as { kinds: KindEntry[]; schemas: Record<string, OpenApiSchema> };
export const kubernetesSchema = buildKubernetesSchema(file.schemas, file.kinds);

export const monacoYaml = configureMonacoYaml(monacoForYaml, {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  format: { enable: true },
  schemas: [
    {
      uri: SCHEMA_URI,
      fileMatch: ['*.yaml', '*.yml'],
      // The library's JSONSchema type is a structural superset of ours.
      schema: kubernetesSchema as never,
    },
  ],
});

/** The language for a workspace path: YAML (with the Kubernetes schema) or plain text; only YAML is bundled. */
export function languageFor(path: string): string {
  return /\.ya?ml$/i.test(path) ? 'yaml' : 'plaintext';
}
