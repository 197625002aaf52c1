// A test page for the editor alone: Demo.svelte (an Edit button that mounts Editor.svelte) against
// an in-page workspace and fake apply/diff. Used by tests/e2e/editor.test.ts (which builds this
// page on its own) and handy while working on the editor: `npx vite`, then open
// /src/ui/editor/demo.html (add ?theme=light or ?lang=zh).
import { mount } from 'svelte';
import Demo from './Demo.svelte';

const params = new URLSearchParams(location.search);
mount(Demo, {
  target: document.getElementById('app')!,
  props: {
    theme: params.get('theme') === 'light' ? 'light' : 'dark',
    lang: params.get('lang') === 'zh' ? 'zh' : 'en',
  },
});
