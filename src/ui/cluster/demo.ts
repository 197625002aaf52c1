// A test page for the cluster view, the flow timeline and the time controls on a real cluster
// worker: `npx vite`, then open /src/ui/cluster/demo.html (add ?lang=zh). Used by
// tests/e2e/clusterview-bench.test.ts, which builds it for production and runs benchClusterView().
import { mount } from 'svelte';
import Demo from './Demo.svelte';
import { WorkerClient } from '../worker-client';
import { setLang } from '../i18n/index.svelte';
import { benchClusterView } from './bench';

const params = new URLSearchParams(location.search);
if (params.get('lang') === 'zh') setLang('zh');
const client = new WorkerClient();
(window as unknown as { kubeplay: unknown }).kubeplay = { client, benchClusterView };
mount(Demo, { target: document.getElementById('app')!, props: { client } });
