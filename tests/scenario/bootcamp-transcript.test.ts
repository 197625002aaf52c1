// The kubernetes.io "Learn Kubernetes Basics" modules, every command line as written
// (../shared/reference/kubernetes-basics.md), typed into a playground's shell: the transcript
// must show what kubectl, curl and the bootcamp app print.
import { describe, expect, it } from 'vitest';
import { Playground } from '../../src/worker/playground';
import { runFast } from '../../src/worker/driver';

async function sh(pg: Playground, line: string): Promise<{ out: string; code: number }> {
  let out = '';
  const w = { write: (t: string) => void (out += t) };
  const code = await runFast(pg, line, { stdout: w, stderr: w });
  return { out, code };
}

const IMAGE = 'gcr.io/google-samples/kubernetes-bootcamp:v1';

describe('Learn Kubernetes Basics, as written', () => {
  const pg = new Playground({ topology: 'minikube', seed: 42, start: Date.UTC(2026, 10, 23, 9) });
  let pod = '';

  it('module 1: a cluster with one Ready node', async () => {
    expect((await sh(pg, 'minikube version')).out).toMatch(/^minikube version: v1\.\d+\.\d+\ncommit: [0-9a-f]+\n$/);
    expect((await sh(pg, 'kubectl version')).out).toMatch(/^Client Version: v1\.32\.\d+\nKustomize Version: v5\.\d+\.\d+\nServer Version: v1\.32\.0\n$/);
    const nodes = await sh(pg, 'kubectl get nodes');
    expect(nodes.out).toBe('NAME       STATUS   ROLES           AGE   VERSION\nminikube   Ready    control-plane   0s    v1.32.0\n');
  });

  it('module 2: deploy an app and reach it through kubectl proxy', async () => {
    expect((await sh(pg, `kubectl create deployment kubernetes-bootcamp --image=${IMAGE}`)).out).toBe('deployment.apps/kubernetes-bootcamp created\n');
    await sh(pg, 'sleep 10');
    expect((await sh(pg, 'kubectl get deployments')).out).toBe('NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\nkubernetes-bootcamp   1/1     1            1           10s\n');
    expect((await sh(pg, 'kubectl proxy &')).out).toMatch(/^\[1\] \d+\n/);
    const version = await sh(pg, 'curl http://localhost:8001/version');
    expect(JSON.parse(version.out)).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.0', platform: 'linux/amd64' });
    await sh(pg, `export POD_NAME=$(kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}')`);
    const echo = await sh(pg, 'echo Name of the Pod: $POD_NAME');
    expect(echo.out).toMatch(/^Name of the Pod: kubernetes-bootcamp-[bcdfghjklmnpqrstvwxz2456789]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5}\n$/);
    pod = echo.out.trim().slice('Name of the Pod: '.length);
    expect((await sh(pg, 'curl http://localhost:8001/api/v1/namespaces/default/pods/$POD_NAME:8080/proxy/')).out).toBe(`Hello Kubernetes bootcamp! | Running on: ${pod} | v=1\n`);
  });

  it('module 3: explore the app', async () => {
    expect((await sh(pg, 'kubectl get pods')).out).toMatch(new RegExp(`^NAME +READY +STATUS +RESTARTS +AGE\\n${pod} +1/1 +Running +0 +\\S+\\n$`));
    const d = await sh(pg, 'kubectl describe pods');
    expect(d.out).toContain(`Name:             ${pod}\n`);
    expect(d.out).toContain(`    Image:          ${IMAGE}\n`);
    expect(d.out).toMatch(/Controlled By:  ReplicaSet\/kubernetes-bootcamp-/);
    expect(d.out).toMatch(/Normal  Scheduled  .*default-scheduler +Successfully assigned default\//);
    const env = await sh(pg, 'kubectl exec "$POD_NAME" -- env');
    expect(env.out).toContain(`HOSTNAME=${pod}\n`);
    expect(env.out).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1\n');
    expect(env.out).toContain('NPM_CONFIG_LOGLEVEL=info\n');
    const logs = await sh(pg, 'kubectl logs "$POD_NAME"');
    expect(logs.out).toMatch(new RegExp(`^Kubernetes Bootcamp App Started At: \\S+ \\| Running On:  ${pod} \\n`));
  });

  it('module 4: expose the app with a NodePort Service and use labels', async () => {
    expect((await sh(pg, 'kubectl get services')).out).toMatch(/^NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT\(S\)   AGE\nkubernetes   ClusterIP   10\.96\.0\.1    <none>        443\/TCP   \S+\n$/);
    expect((await sh(pg, 'kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port 8080')).out).toBe('service/kubernetes-bootcamp exposed\n');
    const svc = await sh(pg, 'kubectl describe services/kubernetes-bootcamp');
    expect(svc.out).toMatch(/Type: +NodePort\n/);
    expect(svc.out).toMatch(/NodePort: +<unset>  3\d{4}\/TCP\n/);
    await sh(pg, `export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"`);
    expect((await sh(pg, 'echo "NODE_PORT=$NODE_PORT"')).out).toMatch(/^NODE_PORT=3\d{4}\n$/);
    expect((await sh(pg, 'curl http://"$(minikube ip):$NODE_PORT"')).out).toBe(`Hello Kubernetes bootcamp! | Running on: ${pod} | v=1\n`);
    expect((await sh(pg, 'kubectl get pods -l app=kubernetes-bootcamp')).out).toContain(pod);
    expect((await sh(pg, 'kubectl label pods "$POD_NAME" version=v1')).out).toBe(`pod/${pod} labeled\n`);
    expect((await sh(pg, 'kubectl describe pods "$POD_NAME"')).out).toContain('version=v1');
    expect((await sh(pg, 'kubectl get pods -l version=v1')).out).toContain(pod);
    expect((await sh(pg, 'kubectl delete service -l app=kubernetes-bootcamp')).out).toBe('service "kubernetes-bootcamp" deleted\n');
    const refused = await sh(pg, 'curl http://"$(minikube ip):$NODE_PORT"');
    expect(refused.out).toMatch(/^curl: \(7\) Failed to connect to 192\.168\.49\.2 port 3\d{4} after \d+ ms: Couldn't connect to server\n$/);
    // With -t the output comes through the container's terminal, which ends lines with CRLF.
    expect((await sh(pg, 'kubectl exec -ti $POD_NAME -- curl http://localhost:8080')).out).toBe(`Hello Kubernetes bootcamp! | Running on: ${pod} | v=1\r\n`);
  });

  it('module 5: scale to 4 and spread requests over the pods', async () => {
    expect((await sh(pg, 'kubectl expose deployment/kubernetes-bootcamp --type="LoadBalancer" --port 8080')).out).toBe('service/kubernetes-bootcamp exposed\n');
    expect((await sh(pg, 'kubectl get rs')).out).toMatch(/^NAME +DESIRED +CURRENT +READY +AGE\nkubernetes-bootcamp-\S+ +1 +1 +1 +\S+\n$/);
    expect((await sh(pg, 'kubectl scale deployments/kubernetes-bootcamp --replicas=4')).out).toBe('deployment.apps/kubernetes-bootcamp scaled\n');
    await sh(pg, 'sleep 10');
    expect((await sh(pg, 'kubectl get deployments')).out).toMatch(/^kubernetes-bootcamp   4\/4     4            4           \S+$/m);
    const wide = await sh(pg, 'kubectl get pods -o wide');
    expect(wide.out.trim().split('\n')).toHaveLength(5);
    expect((await sh(pg, 'kubectl describe deployments/kubernetes-bootcamp')).out).toMatch(/Scaled up replica set kubernetes-bootcamp-\S+ from 1 to 4/);
    const eps = await sh(pg, 'kubectl describe services/kubernetes-bootcamp');
    // describe shows three endpoints and counts the rest, as kubectl's formatEndpointSlices does.
    expect(eps.out).toMatch(/Endpoints: +(10\.244\.0\.\d+:8080,){2}10\.244\.0\.\d+:8080 \+ 1 more\.\.\.\n/);
    const ep = await sh(pg, 'kubectl get endpoints kubernetes-bootcamp -o jsonpath={.subsets[0].addresses[*].ip}');
    expect(ep.out.split(' ')).toHaveLength(4);
    await sh(pg, `export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"`);
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const r = await sh(pg, 'curl http://"$(minikube ip):$NODE_PORT"');
      expect(r.out).toMatch(/^Hello Kubernetes bootcamp! \| Running on: kubernetes-bootcamp-\S+ \| v=1\n$/);
      seen.add(r.out);
    }
    expect(seen.size).toBeGreaterThan(1);
    expect((await sh(pg, 'kubectl scale deployments/kubernetes-bootcamp --replicas=2')).out).toBe('deployment.apps/kubernetes-bootcamp scaled\n');
    expect((await sh(pg, 'kubectl get pods -o wide')).out).toContain('Terminating');
  });

  it('module 6: roll out v2, fail with v10, undo', async () => {
    expect((await sh(pg, 'kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=docker.io/jocatalin/kubernetes-bootcamp:v2')).out).toBe(
      'deployment.apps/kubernetes-bootcamp image updated\n',
    );
    const status = await sh(pg, 'kubectl rollout status deployments/kubernetes-bootcamp');
    expect(status.out).toMatch(/deployment "kubernetes-bootcamp" successfully rolled out\n$/);
    expect(status.code).toBe(0);
    await sh(pg, `export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"`);
    expect((await sh(pg, 'curl http://"$(minikube ip):$NODE_PORT"')).out).toMatch(/\| v=2\n$/);
    expect((await sh(pg, 'kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v10')).out).toBe(
      'deployment.apps/kubernetes-bootcamp image updated\n',
    );
    await sh(pg, 'sleep 30');
    expect((await sh(pg, 'kubectl get pods')).out).toMatch(/ErrImagePull|ImagePullBackOff/);
    await sh(pg, `export AFFECTED_POD="$(kubectl get pods --field-selector status.phase=Pending -o go-template --template '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}')"`);
    const affected = (await sh(pg, 'echo "AFFECTED POD=$AFFECTED_POD"')).out;
    expect(affected).toMatch(/^AFFECTED POD=kubernetes-bootcamp-\S+/);
    const desc = await sh(pg, 'kubectl describe pod $AFFECTED_POD');
    expect(desc.out).toMatch(/Failed to pull image "gcr\.io\/google-samples\/kubernetes-bootcamp:v10"/);
    expect((await sh(pg, 'kubectl rollout undo deployments/kubernetes-bootcamp')).out).toBe('deployment.apps/kubernetes-bootcamp rolled back\n');
    await sh(pg, 'kubectl rollout status deployments/kubernetes-bootcamp');
    await sh(pg, 'sleep 40');
    const pods = await sh(pg, 'kubectl describe pods');
    expect(pods.out).toContain('Image:          docker.io/jocatalin/kubernetes-bootcamp:v2');
    expect(pods.out).not.toContain('Image:          gcr.io/google-samples/kubernetes-bootcamp:v10');
    expect((await sh(pg, 'kubectl delete deployments/kubernetes-bootcamp services/kubernetes-bootcamp')).out).toBe(
      'deployment.apps "kubernetes-bootcamp" deleted\nservice "kubernetes-bootcamp" deleted\n',
    );
  });
});
