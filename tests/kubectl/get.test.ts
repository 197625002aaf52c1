// get: server-side Tables, lists, names. Add a kubectlCase per kind and output format here.
import { kubectlCase, kubectlSuite } from './harness';

kubectlSuite('kubectl get', {}, (ctx) => {
  kubectlCase(ctx, 'get namespaces shows the four system namespaces', ['get', 'namespaces'], {
    ages: true,
    stdout: [
      'NAME              STATUS   AGE',
      'default           Active   0s',
      'kube-node-lease   Active   0s',
      'kube-public       Active   0s',
      'kube-system       Active   0s',
      '',
    ].join('\n'),
    stderr: '',
  });

  kubectlCase(ctx, 'get ns -o name', ['get', 'ns', '-o', 'name'], {
    stdout: 'namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n',
    stderr: '',
  });

  // TODO(lead): get of every kind (pods, deploy, rs, svc, ep, nodes, events, cm, secrets, ...),
  // -o wide/yaml/json/jsonpath/custom-columns, -l, --field-selector, -A, --show-labels, get all.
});
