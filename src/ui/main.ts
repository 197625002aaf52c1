import { mount } from 'svelte';
import App from './App.svelte';
import { registerServiceWorker } from './sw/register';

// Startup marks (performance.getEntriesByType('mark'), beside the worker's kubeplay-worker-*):
// the UI bundle evaluated, the page mounted.
performance.mark('kubeplay-ui-evaluated');
mount(App, { target: document.getElementById('app')! });
performance.mark('kubeplay-ui-mounted');
void registerServiceWorker();
