// monaco-yaml's language worker, as its own Vite `?worker` entry (monaco-yaml's documented Vite setup).
import 'monaco-yaml/yaml.worker.js';
