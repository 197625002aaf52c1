import { mount } from 'svelte';
import App from './App.svelte';
import { registerServiceWorker } from './sw/register';

mount(App, { target: document.getElementById('app')! });
void registerServiceWorker();
