// kubectl proxy and port-forward listen inside the playground (the host's listen()) until Ctrl-C;
// top, auth can-i and config, against an in-process cluster.
import { describe, expect, it } from "vitest";
import { createCluster } from "../../../cluster/cluster";
import { inProcessClient } from "../../../transport/inprocess";
import { deployment, makeKit } from "../logs/testkit";

const kit = (opts: { listen?: boolean } = {}) =>
  makeKit(() => {
    const cluster = createCluster({ start: Date.UTC(2026, 0, 1) });
    return {
      cluster,
      client: inProcessClient(cluster.api, {
        afterRequest: () => cluster.settle(),
      }),
    };
  }, opts);

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("kubectl proxy", () => {
  it("serves the API on 127.0.0.1:8001 until Ctrl-C (bootcamp: pods/NAME:8080/proxy/)", async () => {
    const k = kit();
    await k.create(deployment("web", 1));
    k.settle();
    const name = (await k.pods())[0].metadata.name!;
    const p = k.start(["proxy"]);
    await tick();
    expect(p.stdout).toBe("Starting to serve on 127.0.0.1:8001\n");
    const h = k.listeners.get(8001)!;
    const hello = await h({
      method: "GET",
      path: `/api/v1/namespaces/default/pods/${name}:8080/proxy/`,
      headers: { "User-Agent": "curl/8.5.0" },
    });
    expect(hello.status).toBe(200);
    expect(hello.body).toBe(
      `Hello Kubernetes bootcamp! | Running on: ${name} | v=1\n`,
    );
    const version = await h({
      method: "GET",
      path: "/version",
      headers: { "User-Agent": "curl/8.5.0" },
    });
    expect(version.body).toMatch(/^\{\n {2}"major": "1",\n/);
    const missing = await h({
      method: "GET",
      path: "/api/v1/namespaces/default/pods/nope",
      headers: {},
    });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({
      kind: "Status",
      reason: "NotFound",
    });
    const exec = await h({
      method: "POST",
      path: `/api/v1/namespaces/default/pods/${name}/exec?command=ls`,
      headers: {},
    });
    expect(exec.status).toBe(403);
    p.interrupt();
    expect((await p.result).code).toBe(130);
    expect(k.listeners.has(8001)).toBe(false);
  });

  it("--port and --api-prefix; a busy port; no playground", async () => {
    const k = kit();
    const p = k.start(["proxy", "--port=8011", "--api-prefix=/k8s-api"]);
    await tick();
    expect(p.stdout).toBe("Starting to serve on 127.0.0.1:8011\n");
    const h = k.listeners.get(8011)!;
    expect(
      (
        await h({
          method: "GET",
          path: "/k8s-api/api/v1/namespaces/default",
          headers: {},
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await h({
          method: "GET",
          path: "/api/v1/namespaces/default",
          headers: {},
        })
      ).status,
    ).toBe(404);
    const busy = await k.run("proxy", "--port=8011");
    expect(busy).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "error: listen tcp 127.0.0.1:8011: bind: address already in use\n",
    });
    p.interrupt();
    await p.result;
    const none = await kit({ listen: false }).run("proxy");
    expect(none.stdout).toBe("Starting to serve on 127.0.0.1:8001\n");
    expect(none.stderr).toMatch(/^error: .*playground/);
    expect(none.code).toBe(1);
  });
});

describe("kubectl port-forward", () => {
  it("forwards a local port to the pod until Ctrl-C", async () => {
    const k = kit();
    await k.create(deployment("web", 1));
    k.settle();
    const name = (await k.pods())[0].metadata.name!;
    const p = k.start(["port-forward", "deploy/web", "9090:8080"]);
    await tick();
    expect(p.stdout).toBe(
      "Forwarding from 127.0.0.1:9090 -> 8080\nForwarding from [::1]:9090 -> 8080\n",
    );
    const r = await k.listeners.get(9090)!({
      method: "GET",
      path: "/",
      headers: { "User-Agent": "curl/8.5.0" },
    });
    expect(r.body).toBe(
      `Hello Kubernetes bootcamp! | Running on: ${name} | v=1\n`,
    );
    expect(p.stdout.endsWith("Handling connection for 9090\n")).toBe(true);
    p.interrupt();
    expect((await p.result).code).toBe(130);
    expect(k.listeners.size).toBe(0);
  });

  it("error texts", async () => {
    const k = kit();
    await k.create(deployment("web", 1));
    k.settle();
    const name = (await k.pods())[0].metadata.name!;
    expect(await k.run("port-forward", name)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n",
    });
    expect((await k.run("port-forward", name, "abc")).stderr).toBe(
      `error: Pod '${name}' does not have a named port 'abc'\n`,
    );
    expect((await k.run("port-forward", "nope", "80")).stderr).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
  });
});

describe("kubectl top", () => {
  it("answers that the Metrics API is not available", async () => {
    const k = kit();
    expect(await k.run("top", "pods")).toEqual({
      code: 1,
      stdout: "",
      stderr: "error: Metrics API not available\n",
    });
    expect(await k.run("top", "node")).toEqual({
      code: 1,
      stdout: "",
      stderr: "error: Metrics API not available\n",
    });
  });
});

describe("kubectl auth can-i", () => {
  it("yes, the rules table, and the texts", async () => {
    const k = kit();
    expect(await k.run("auth", "can-i", "get", "pods")).toEqual({
      code: 0,
      stdout: "yes\n",
      stderr: "",
    });
    expect(
      await k.run("auth", "can-i", "create", "deployments.apps", "-A"),
    ).toEqual({ code: 0, stdout: "yes\n", stderr: "" });
    expect(await k.run("auth", "can-i", "get", "pods", "-q")).toEqual({
      code: 0,
      stdout: "",
      stderr: "",
    });
    expect(await k.run("auth", "can-i", "get", "foo")).toEqual({
      code: 0,
      stdout: "yes\n",
      stderr: "Warning: the server doesn't have a resource type 'foo'\n\n",
    });
    expect(await k.run("auth", "can-i", "--list")).toEqual({
      code: 0,
      stderr: "",
      stdout:
        "Resources   Non-Resource URLs   Resource Names   Verbs\n*.*         []                  []               [*]\n            [*]                 []               [*]\n",
    });
    expect(await k.run("auth", "can-i", "get")).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n",
    });
  });
});

describe("kubectl config", () => {
  it("view, get-contexts, current-context, set-context --current, use-context", async () => {
    const k = kit();
    const view = await k.run("config", "view");
    expect(view.stdout).toBe(`apiVersion: v1
clusters:
- cluster:
    server: http://127.0.0.1:8080
  name: kubeplay
contexts:
- context:
    cluster: kubeplay
    namespace: default
    user: kubeplay
  name: kubeplay
current-context: kubeplay
kind: Config
preferences: {}
users:
- name: kubeplay
  user: {}
`);
    expect((await k.run("config", "view", "--minify")).stdout).toBe(
      view.stdout,
    );
    expect(
      (
        await k.run(
          "config",
          "view",
          "-o",
          "jsonpath={.contexts[0].context.user}",
        )
      ).stdout,
    ).toBe("kubeplay");
    expect((await k.run("config", "get-contexts")).stdout).toBe(
      "CURRENT   NAME       CLUSTER    AUTHINFO   NAMESPACE\n*         kubeplay   kubeplay   kubeplay   default\n",
    );
    expect((await k.run("config", "current-context")).stdout).toBe(
      "kubeplay\n",
    );
    expect(
      await k.run("config", "set-context", "--current", "--namespace=dev"),
    ).toEqual({
      code: 0,
      stdout: 'Context "kubeplay" modified.\n',
      stderr: "",
    });
    expect(k.state.namespace).toBe("dev");
    expect((await k.run("config", "get-contexts")).stdout).toContain(
      "kubeplay   dev\n",
    );
    expect(await k.run("config", "use-context", "kubeplay")).toEqual({
      code: 0,
      stdout: 'Switched to context "kubeplay".\n',
      stderr: "",
    });
    expect(await k.run("config", "use-context", "nope")).toEqual({
      code: 1,
      stdout: "",
      stderr: 'error: no context exists with the name: "nope"\n',
    });
  });
});
