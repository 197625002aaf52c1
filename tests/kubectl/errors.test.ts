// kubectl's error texts and exit codes, which come from the server's Status objects
// (shared/reference/kubectl-protocol.md section 1.9; texts of k/k validation and apimachinery).
import { it } from 'node:test';
import { check, kubectlCase, kubectlSuite } from './harness';

const deployment = (name: string, spec: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
${spec}`;

const TEMPLATE = (app: string): string => `  template:
    metadata:
      labels:
        app: ${app}
    spec:
      containers:
      - name: c
        image: nginx:1.25
`;

const FILES: Record<string, string> = {
  'nosel.yaml': deployment('nosel', TEMPLATE('nosel')),
  'mismatch.yaml': deployment('mismatch', `  selector:\n    matchLabels:\n      app: one\n${TEMPLATE('two')}`),
  'negative.yaml': deployment('negative', `  replicas: -1\n  selector:\n    matchLabels:\n      app: neg\n${TEMPLATE('neg')}`),
  'emptysel.yaml': deployment('emptysel', `  selector: {}\n${TEMPLATE('e')}`),
  'bad-unknown.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  containers:
  - name: c
    image: nginx
    imagePullPolice: Always
`,
  'bad-name.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: Bad_Name
spec:
  containers:
  - name: c
    image: nginx
`,
  'noimage.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: noimage
spec:
  containers:
  - name: c
`,
  'nons.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: mypod
  namespace: nope
spec:
  containers:
  - name: c
    image: nginx
`,
  'cm.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  color: blue
`,
  'cm-stale.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  resourceVersion: "1"
data:
  color: red
`,
  'svc-bad.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web.v1
spec:
  ports:
  - port: 80
`,
};

const RFC1123_SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const RFC1123_LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

kubectlSuite('kubectl errors', {}, (ctx) => {
  it('write the manifests', () => ctx.files(FILES));

  kubectlCase(ctx, 'get of a missing pod is NotFound, exit 1', ['get', 'pod', 'nothere'], {
    code: 1,
    stdout: '',
    stderr: { golden: 'get-missing.stderr' },
  });

  kubectlCase(ctx, 'get of a missing deployment names the group', ['get', 'deployment', 'nothere'], {
    code: 1,
    stdout: '',
    stderr: 'Error from server (NotFound): deployments.apps "nothere" not found\n',
  });

  kubectlCase(ctx, 'an unknown resource type', ['get', 'foo'], {
    code: 1,
    stdout: '',
    stderr: 'error: the server doesn\'t have a resource type "foo"\n',
  });

  kubectlCase(ctx, 'get in a namespace that does not exist lists nothing', ['get', 'pods', '-n', 'nope'], {
    stdout: '',
    stderr: 'No resources found in nope namespace.\n',
  });

  kubectlCase(ctx, 'Deployment without a selector: two causes', ['create', '-f', 'nosel.yaml'], {
    code: 1,
    stdout: '',
    stderr:
      'The Deployment "nosel" is invalid: \n' +
      '* spec.selector: Required value\n' +
      '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"nosel"}: `selector` does not match template `labels`\n',
  });

  kubectlCase(ctx, 'Deployment whose selector does not match its template', ['apply', '-f', 'mismatch.yaml'], {
    code: 1,
    stdout: '',
    stderr: 'The Deployment "mismatch" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"two"}: `selector` does not match template `labels`\n',
  });

  kubectlCase(ctx, 'Deployment with negative replicas', ['create', '-f', 'negative.yaml'], {
    code: 1,
    stdout: '',
    stderr: 'The Deployment "negative" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
  });

  kubectlCase(ctx, 'Deployment with an empty selector', ['create', '-f', 'emptysel.yaml'], {
    code: 1,
    stdout: '',
    stderr:
      'The Deployment "emptysel" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment\n',
  });

  kubectlCase(ctx, 'unknown field with Strict validation (server-side strict decoding)', ['create', '-f', 'bad-unknown.yaml'], {
    code: 1,
    stdout: '',
    stderr:
      'Error from server (BadRequest): error when creating "bad-unknown.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolice"\n',
  });

  kubectlCase(ctx, '--validate=warn: the server warns and creates', ['create', '-f', 'bad-unknown.yaml', '--validate=warn'], {
    stdout: 'pod/bad created\n',
    stderr: 'Warning: unknown field "spec.containers[0].imagePullPolice"\n',
  });

  kubectlCase(ctx, 'a pod named Bad_Name (DNS-1123 subdomain)', ['create', '-f', 'bad-name.yaml'], {
    code: 1,
    stdout: '',
    stderr: `The Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${RFC1123_SUBDOMAIN}\n`,
  });

  // `run` also names the container Bad_Name, and container names are DNS-1123 labels
  // (validateContainerCommon), so a real apiserver reports both.
  kubectlCase(ctx, 'kubectl run Bad_Name: the pod name and the container name', ['run', 'Bad_Name', '--image=x'], {
    code: 1,
    stdout: '',
    stderr:
      'The Pod "Bad_Name" is invalid: \n' +
      `* metadata.name: Invalid value: "Bad_Name": ${RFC1123_SUBDOMAIN}\n` +
      `* spec.containers[0].name: Invalid value: "Bad_Name": ${RFC1123_LABEL}\n`,
  });

  kubectlCase(ctx, 'a Service name is a DNS-1035 label', ['create', '-f', 'svc-bad.yaml'], {
    code: 1,
    stdout: '',
    stderr: `The Service "web.v1" is invalid: metadata.name: Invalid value: "web.v1": ${DNS1035}\n`,
  });

  kubectlCase(ctx, 'a container without an image', ['create', '-f', 'noimage.yaml'], {
    code: 1,
    stdout: '',
    stderr: 'The Pod "noimage" is invalid: spec.containers[0].image: Required value\n',
  });

  kubectlCase(ctx, 'create in a namespace that does not exist', ['create', '-f', 'nons.yaml'], {
    code: 1,
    stdout: '',
    stderr: 'Error from server (NotFound): error when creating "nons.yaml": namespaces "nope" not found\n',
  });

  it('nothing invalid was stored', async () => {
    check(await ctx.kubectl(['get', 'deploy,pods', '-o', 'name']), { stdout: 'pod/bad\n', stderr: '' });
  });

  kubectlCase(ctx, 'create -f', ['create', '-f', 'cm.yaml'], { stdout: 'configmap/settings created\n', stderr: '' });

  kubectlCase(ctx, 'create -f again is AlreadyExists', ['create', '-f', 'cm.yaml'], {
    code: 1,
    stdout: '',
    stderr: 'Error from server (AlreadyExists): error when creating "cm.yaml": configmaps "settings" already exists\n',
  });

  kubectlCase(ctx, 'replace with a stale resourceVersion is a Conflict', ['replace', '-f', 'cm-stale.yaml'], {
    code: 1,
    stdout: '',
    stderr:
      'Error from server (Conflict): error when replacing "cm-stale.yaml": Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again\n',
  });

  kubectlCase(ctx, 'scale of a missing object', ['scale', 'rc', 'nothere', '--replicas=2'], {
    code: 1,
    stdout: '',
    stderr: 'error: no objects passed to scale replicationcontrollers "nothere" not found\n',
  });

  // kubectl's resource helper clears resourceVersion before a create (Helper.Create with
  // modify=true), so `create -f` of a manifest that carries one works; the server itself
  // refuses such a body (see server.test.ts).
  kubectlCase(ctx, 'delete the ConfigMap', ['delete', 'cm', 'settings'], { stdout: 'configmap "settings" deleted\n' });
  kubectlCase(ctx, 'create -f of a manifest that carries a resourceVersion', ['create', '-f', 'cm-stale.yaml'], {
    stdout: 'configmap/settings created\n',
    stderr: '',
  });

  kubectlCase(ctx, 'delete of a missing object', ['delete', 'pod', 'nothere'], {
    code: 1,
    stdout: '',
    stderr: 'Error from server (NotFound): pods "nothere" not found\n',
  });

  kubectlCase(ctx, 'delete -f of a missing object', ['delete', '-f', 'noimage.yaml'], {
    code: 1,
    stdout: '',
    stderr: 'Error from server (NotFound): error when deleting "noimage.yaml": pods "noimage" not found\n',
  });

  kubectlCase(ctx, 'label without --overwrite (client-side)', ['label', 'pod', 'bad', 'x=1'], { stdout: 'pod/bad labeled\n' });
  kubectlCase(ctx, 'label again without --overwrite', ['label', 'pod', 'bad', 'x=2'], {
    code: 1,
    stdout: '',
    stderr: "error: 'x' already has a value (1), and --overwrite is false\n",
  });

  kubectlCase(ctx, 'a JSON patch whose test fails', ['patch', 'pod', 'bad', '--type=json', '-p', '[{"op":"test","path":"/metadata/name","value":"other"}]'], {
    code: 1,
    stdout: '',
    stderr: /^The request is invalid: the server rejected our request due to an error in our request\n$/,
  });

  kubectlCase(ctx, 'an immutable field through patch', ['patch', 'pod', 'bad', '-p', '{"spec":{"containers":[{"name":"c","image":"nginx","ports":[{"containerPort":80}]}]}}'], {
    code: 1,
    stdout: '',
    stderr: /^The Pod "bad" is invalid: spec: Forbidden: pod updates may not change fields other than /,
  });
});

// Protobuf bodies (kubectl-protocol.md 1.4) are decoded now: see protobuf.test.ts, which also
// covers malformed bodies and kinds without a schema (415).
