import { mount } from 'svelte';
import App from './App.svelte';
import { registerServiceWorker } from './sw/register';
import { initialLang, loadCatalogue } from './i18n/index.svelte';

// Startup marks (performance.getEntriesByType('mark'), beside the worker's kubeplay-worker-*):
// the UI bundle evaluated, the page mounted.
performance.mark('kubeplay-ui-evaluated');
// The first screen is drawn in its language at once (Chinese is a chunk of its own).
void loadCatalogue(initialLang()).then(() => {
  mount(App, { target: document.getElementById('app')! });
  performance.mark('kubeplay-ui-mounted');
  void registerServiceWorker();
});
