// The playground as a learner meets it: kubectl completion through the shell, curl through
// kube-proxy, and scripts whose waits run on virtual time.
import { describe, expect, it } from 'vitest';
import { Playground } from './playground';
import { runFast } from './driver';

async function run(pg: Playground, line: string): Promise<{ out: string; code: number }> {
  let out = '';
  const w = { write: (t: string) => void (out += t) };
  const code = await runFast(pg, line, { stdout: w, stderr: w });
  return { out, code };
}

describe('playground', () => {
  it('completes kubectl commands, types, names and namespaces', async () => {
    const pg = new Playground({ seed: 1 });
    expect((await pg.shell.complete('kubectl ge', 10)).candidates).toEqual(['get']);
    expect((await pg.shell.complete('kubectl get no', 14)).candidates).toEqual(['nodes']);
    expect((await pg.shell.complete('kubectl get nodes n', 19)).candidates).toEqual(['node01', 'node02']);
    expect((await pg.shell.complete('k describe node/contr', 21)).candidates).toEqual(['node/controlplane']);
    expect((await pg.shell.complete('kubectl rollout s', 17)).candidates).toEqual(['status']);
    expect((await pg.shell.complete('kubectl get pods -n kube-', 25)).candidates).toEqual(['kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('runs a deployment, waits on virtual time, and reaches it with curl through a NodePort', async () => {
    const pg = new Playground({ seed: 3, topology: 'minikube' });
    expect((await run(pg, 'kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1')).out).toBe('deployment.apps/kubernetes-bootcamp created\n');
    expect((await run(pg, 'sleep 30')).code).toBe(0);
    expect((await run(pg, 'kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port 8080')).out).toBe('service/kubernetes-bootcamp exposed\n');
    await run(pg, 'sleep 5');
    await run(pg, `export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"`);
    const pod = (await run(pg, `kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}'`)).out.trim();
    const r = await run(pg, 'curl http://"$(minikube ip):$NODE_PORT"');
    expect(r.out).toBe(`Hello Kubernetes bootcamp! | Running on: ${pod} | v=1\n`);
    expect(r.code).toBe(0);
    await run(pg, 'kubectl delete service -l app=kubernetes-bootcamp');
    const refused = await run(pg, 'curl http://"$(minikube ip):$NODE_PORT"');
    expect(refused.code).toBe(7);
    expect(refused.out).toMatch(/^curl: \(7\) Failed to connect to 192\.168\.49\.2 port \d+ after \d+ ms: Couldn't connect to server\n$/);
  });
});
