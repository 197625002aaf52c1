// Every command line of the "Learn Kubernetes Basics" modules parses to the argv a real bash
// would hand the program (stub kubectl, curl and minikube record what they receive).
import { describe, expect, it } from 'vitest';
import { coreutils } from './programs';
import { makeShell, recorder, type Recorded } from './testing';

const POD = 'kubernetes-bootcamp-644c5687f4-2xkqn';
const TPL = '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}';

function setup() {
  const calls: Recorded[] = [];
  const programs = coreutils();
  programs.set('kubectl', recorder(calls, (argv) => (argv.some((a) => a.includes('go-template')) ? (argv.some((a) => a.includes('nodePort')) ? '31234' : `${POD}\n`) : '')));
  programs.set('curl', recorder(calls, () => 'Hello Kubernetes bootcamp! | Running on: x | v=1\n'));
  programs.set('minikube', recorder(calls, (argv) => (argv[1] === 'ip' ? '192.168.49.2\n' : '')));
  const s = makeShell({ programs });
  return { ...s, calls };
}

const simple: [string, string[]][] = [
  ['minikube version', ['minikube', 'version']],
  ['minikube start', ['minikube', 'start']],
  ['kubectl version', ['kubectl', 'version']],
  ['kubectl cluster-info', ['kubectl', 'cluster-info']],
  ['kubectl get nodes', ['kubectl', 'get', 'nodes']],
  ['kubectl get nodes --help', ['kubectl', 'get', 'nodes', '--help']],
  ['kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1', ['kubectl', 'create', 'deployment', 'kubernetes-bootcamp', '--image=gcr.io/google-samples/kubernetes-bootcamp:v1']],
  ['kubectl get deployments', ['kubectl', 'get', 'deployments']],
  ['kubectl proxy', ['kubectl', 'proxy']],
  ['curl http://localhost:8001/version', ['curl', 'http://localhost:8001/version']],
  ['kubectl get pods', ['kubectl', 'get', 'pods']],
  ['kubectl describe pods', ['kubectl', 'describe', 'pods']],
  ['kubectl get services', ['kubectl', 'get', 'services']],
  ['kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port 8080', ['kubectl', 'expose', 'deployment/kubernetes-bootcamp', '--type=NodePort', '--port', '8080']],
  ['kubectl describe services/kubernetes-bootcamp', ['kubectl', 'describe', 'services/kubernetes-bootcamp']],
  ['minikube service kubernetes-bootcamp --url', ['minikube', 'service', 'kubernetes-bootcamp', '--url']],
  ['curl 127.0.0.1:51082', ['curl', '127.0.0.1:51082']],
  ['kubectl describe deployment', ['kubectl', 'describe', 'deployment']],
  ['kubectl get pods -l app=kubernetes-bootcamp', ['kubectl', 'get', 'pods', '-l', 'app=kubernetes-bootcamp']],
  ['kubectl get services -l app=kubernetes-bootcamp', ['kubectl', 'get', 'services', '-l', 'app=kubernetes-bootcamp']],
  ['kubectl get pods -l version=v1', ['kubectl', 'get', 'pods', '-l', 'version=v1']],
  ['kubectl delete service -l app=kubernetes-bootcamp', ['kubectl', 'delete', 'service', '-l', 'app=kubernetes-bootcamp']],
  ['kubectl expose deployment/kubernetes-bootcamp --type="LoadBalancer" --port 8080', ['kubectl', 'expose', 'deployment/kubernetes-bootcamp', '--type=LoadBalancer', '--port', '8080']],
  ['kubectl get rs', ['kubectl', 'get', 'rs']],
  ['kubectl scale deployments/kubernetes-bootcamp --replicas=4', ['kubectl', 'scale', 'deployments/kubernetes-bootcamp', '--replicas=4']],
  ['kubectl get pods -o wide', ['kubectl', 'get', 'pods', '-o', 'wide']],
  ['kubectl describe deployments/kubernetes-bootcamp', ['kubectl', 'describe', 'deployments/kubernetes-bootcamp']],
  ['kubectl scale deployments/kubernetes-bootcamp --replicas=2', ['kubectl', 'scale', 'deployments/kubernetes-bootcamp', '--replicas=2']],
  ['kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=docker.io/jocatalin/kubernetes-bootcamp:v2', ['kubectl', 'set', 'image', 'deployments/kubernetes-bootcamp', 'kubernetes-bootcamp=docker.io/jocatalin/kubernetes-bootcamp:v2']],
  ['kubectl rollout status deployments/kubernetes-bootcamp', ['kubectl', 'rollout', 'status', 'deployments/kubernetes-bootcamp']],
  ['kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v10', ['kubectl', 'set', 'image', 'deployments/kubernetes-bootcamp', 'kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v10']],
  ['kubectl rollout undo deployments/kubernetes-bootcamp', ['kubectl', 'rollout', 'undo', 'deployments/kubernetes-bootcamp']],
  ['kubectl delete deployments/kubernetes-bootcamp services/kubernetes-bootcamp', ['kubectl', 'delete', 'deployments/kubernetes-bootcamp', 'services/kubernetes-bootcamp']],
];

describe('bootcamp command lines', () => {
  it.each(simple)('%s', async (line, argv) => {
    const { run, calls } = setup();
    const r = await run(line);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(calls.map((c) => c.argv)).toEqual([argv]);
  });

  it('export POD_NAME="$(kubectl get pods -o go-template --template ...)" then echo', async () => {
    const { run, calls } = setup();
    const r1 = await run(`export POD_NAME="$(kubectl get pods -o go-template --template '${TPL}')"`);
    expect(r1).toEqual({ out: '', err: '', code: 0 });
    expect(calls[0].argv).toEqual(['kubectl', 'get', 'pods', '-o', 'go-template', '--template', TPL]);
    expect((await run('echo Name of the Pod: $POD_NAME')).out).toBe(`Name of the Pod: ${POD}\n`);
    expect((await run('echo "Name of the Pod: $POD_NAME"')).out).toBe(`Name of the Pod: ${POD}\n`);
    // The exported variable reaches programs' environment.
    await run('kubectl exec "$POD_NAME" -- env');
    expect(calls[1].argv).toEqual(['kubectl', 'exec', POD, '--', 'env']);
    expect(calls[1].env.POD_NAME).toBe(POD);
  });

  it('the unquoted form from module 2', async () => {
    const { run, calls } = setup();
    await run(`export POD_NAME=$(kubectl get pods -o go-template --template '${TPL}')`);
    expect(calls[0].argv[6]).toBe(TPL);
    expect((await run('echo Name of the Pod: $POD_NAME')).out).toBe(`Name of the Pod: ${POD}\n`);
  });

  it('pod lines that use $POD_NAME', async () => {
    const { run, calls } = setup();
    await run(`export POD_NAME="$(kubectl get pods -o go-template --template '${TPL}')"`);
    for (const line of [
      'curl http://localhost:8001/api/v1/namespaces/default/pods/$POD_NAME:8080/proxy/',
      'kubectl exec -ti $POD_NAME -- bash',
      'kubectl logs $POD_NAME',
      'kubectl label pods "$POD_NAME" version=v1',
      'kubectl describe pods "$POD_NAME"',
      'kubectl exec -ti $POD_NAME -- curl http://localhost:8080',
    ]) expect((await run(line)).code).toBe(0);
    expect(calls.slice(1).map((c) => c.argv)).toEqual([
      ['curl', `http://localhost:8001/api/v1/namespaces/default/pods/${POD}:8080/proxy/`],
      ['kubectl', 'exec', '-ti', POD, '--', 'bash'],
      ['kubectl', 'logs', POD],
      ['kubectl', 'label', 'pods', POD, 'version=v1'],
      ['kubectl', 'describe', 'pods', POD],
      ['kubectl', 'exec', '-ti', POD, '--', 'curl', 'http://localhost:8080'],
    ]);
  });

  it('NODE_PORT and curl http://"$(minikube ip):$NODE_PORT"', async () => {
    const { run, calls } = setup();
    await run(`export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"`);
    expect(calls[0].argv).toEqual(['kubectl', 'get', 'services/kubernetes-bootcamp', '-o', 'go-template={{(index .spec.ports 0).nodePort}}']);
    expect((await run('echo "NODE_PORT=$NODE_PORT"')).out).toBe('NODE_PORT=31234\n');
    expect((await run('echo NODE_PORT=$NODE_PORT')).out).toBe('NODE_PORT=31234\n');
    const r = await run('curl http://"$(minikube ip):$NODE_PORT"');
    expect(r.out).toContain('Hello Kubernetes bootcamp!');
    expect(calls.slice(1).map((c) => c.argv)).toEqual([['minikube', 'ip'], ['curl', 'http://192.168.49.2:31234']]);
  });

  it('AFFECTED_POD with --field-selector', async () => {
    const { run, calls } = setup();
    await run(`export AFFECTED_POD="$(kubectl get pods --field-selector status.phase=Pending -o go-template --template '${TPL}')"`);
    expect(calls[0].argv).toEqual(['kubectl', 'get', 'pods', '--field-selector', 'status.phase=Pending', '-o', 'go-template', '--template', TPL]);
    expect((await run('echo "AFFECTED POD=$AFFECTED_POD"')).out).toBe(`AFFECTED POD=${POD}\n`);
    await run('kubectl describe pod $AFFECTED_POD');
    expect(calls[1].argv).toEqual(['kubectl', 'describe', 'pod', POD]);
  });

  it('kubectl proxy in the background beside curl', async () => {
    const { run, calls } = setup();
    const r = await run('kubectl proxy &');
    expect(r.err).toMatch(/^\[1\] \d+\n$/);
    await run('curl http://localhost:8001/version');
    expect(calls.map((c) => c.argv[0]).sort()).toEqual(['curl', 'kubectl']);
  });

  it('the k alias', async () => {
    const { run, calls } = setup();
    await run('k get po -A');
    expect(calls[0].argv).toEqual(['kubectl', 'get', 'po', '-A']);
  });

  it('kubectl apply -f - <<EOF with a heredoc', async () => {
    const calls: Recorded[] = [];
    const programs = coreutils();
    programs.set('kubectl', recorder(calls, () => 'deployment.apps/web created\n', true));
    const { run } = makeShell({ programs });
    const r = await run('kubectl apply -f - <<EOF\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: $NAME\nEOF', undefined);
    expect(r.out).toBe('deployment.apps/web created\n');
    expect(calls[0].argv).toEqual(['kubectl', 'apply', '-f', '-']);
    expect(calls[0].stdin).toBe('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: \n');
    await run("NAME=web; k apply -f - <<'EOF'\nname: $NAME\nEOF");
    expect(calls[1].stdin).toBe('name: $NAME\n');
  });
});
