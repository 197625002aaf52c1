// kubectl logs against an in-process cluster: pods, TYPE/NAME, containers, selectors, the error
// texts of kubectl v1.32, and -f following until Ctrl-C.
import { describe, expect, it } from "vitest";
import { createCluster } from "../../../cluster/cluster";
import { inProcessClient } from "../../../transport/inprocess";
import { BOOTCAMP, deployment, makeKit, pod } from "./testkit";

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

async function setup() {
  const k = kit();
  await k.create(deployment("web", 2));
  await k.create(
    pod("two", [
      { name: "a", image: "nginx" },
      { name: "b", image: BOOTCAMP },
    ]),
  );
  k.settle();
  const web = (await k.pods("app=web")).map((p) => p.metadata.name!);
  return { k, web };
}

describe("kubectl logs", () => {
  it("prints a pod log, defaults the container with a note, and -c picks one", async () => {
    const { k, web } = await setup();
    const r = await k.run("logs", web[0]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(
      new RegExp(
        `^Kubernetes Bootcamp App Started At: \\S+ \\| Running On:  ${web[0]} \\n`,
      ),
    );
    const two = await k.run("logs", "two");
    expect(two.stderr).toBe('Defaulted container "a" out of: a, b\n');
    expect(two.stdout).toContain("/docker-entrypoint.sh");
    const b = await k.run("logs", "two", "-c", "b");
    expect(b.stderr).toBe("");
    expect(b.stdout).toContain("Running On:  two");
    expect(await k.run("logs", "two", "b")).toEqual(b);
  });

  it("deploy/NAME picks one pod and says so", async () => {
    const { k, web } = await setup();
    const r = await k.run("logs", "deploy/web");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Found 2 pods, using pod\/web-\S+\n$/);
    const picked = /pod\/(\S+)/.exec(r.stderr)![1];
    expect(web).toContain(picked);
    expect(r.stdout).toContain(`Running On:  ${picked}`);
  });

  it("--all-containers and --prefix, --tail and --timestamps", async () => {
    const { k } = await setup();
    const r = await k.run("logs", "two", "--all-containers", "--prefix");
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^\[pod\/two\/a\] /);
    expect(lines.at(-1)).toMatch(/^\[pod\/two\/b\]/);
    const t = await k.run("logs", "two", "-c", "a", "--tail=1", "--timestamps");
    expect(t.stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z .*\n$/);
  });

  it("-l: tailLines=10 per pod, with --prefix", async () => {
    const { k, web } = await setup();
    const r = await k.run("logs", "-l", "app=web", "--prefix");
    expect(r.code).toBe(0);
    for (const n of web)
      expect(r.stdout).toContain(
        `[pod/${n}/web] Kubernetes Bootcamp App Started At:`,
      );
    const none = await k.run("logs", "-l", "app=none");
    expect(none).toEqual({
      code: 0,
      stdout: "",
      stderr: "No resources found in default namespace.\n",
    });
  });

  it("error texts", async () => {
    const { k } = await setup();
    const cases: [string[], string][] = [
      [
        ["logs"],
        "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
      ],
      [
        ["logs", "-l", "app=web", "two"],
        "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n",
      ],
      [
        ["logs", "nope"],
        'error: error from server (NotFound): pods "nope" not found in namespace "default"\n',
      ],
      [
        ["logs", "deploy/nope"],
        'error: error from server (NotFound): deployments.apps "nope" not found in namespace "default"\n',
      ],
      [
        ["logs", "two", "-c", "zz"],
        "error: container zz is not valid for pod two\n",
      ],
      [
        ["logs", "two", "--all-containers", "-c", "a"],
        "error: --all-containers=true should not be specified with container name a\n",
      ],
      [
        ["logs", "two", "--tail=-5"],
        "error: --tail must be greater than or equal to -1\n",
      ],
      [
        ["logs", "two", "--since=1h", "--since-time=2020-01-01T00:00:00Z"],
        "error: at most one of `sinceTime` or `sinceSeconds` may be specified\n",
      ],
      [
        ["logs", "two", "-c", "a", "--previous"],
        'Error from server (BadRequest): previous terminated container "a" in pod "two" not found\n',
      ],
    ];
    for (const [argv, err] of cases) {
      const r = await k.run(...argv);
      expect({ argv, stderr: r.stderr, code: r.code }).toEqual({
        argv,
        stderr: err,
        code: 1,
      });
    }
  });

  it("a container that has not started yet", async () => {
    const k = kit();
    await k.create(pod("slow", [{ name: "slow", image: "nosuch/image:v9" }]));
    const r = await k.run("logs", "slow");
    expect(r.stderr).toMatch(
      /^Error from server \(BadRequest\): container "slow" in pod "slow" is waiting to start: (ContainerCreating|image can't be pulled|trying and failing to pull image)\n$/,
    );
    expect(r.code).toBe(1);
  });

  it("-f follows new lines until Ctrl-C", async () => {
    const { k, web } = await setup();
    const p = k.start(["logs", "-f", web[0]]);
    await new Promise((r) => setTimeout(r, 0));
    const before = p.stdout;
    expect(before).toContain("Kubernetes Bootcamp App Started At");
    // A request to the app adds a log line while we follow.
    const res = await k.client.request({
      verb: "GET",
      path: `/api/v1/namespaces/default/pods/${web[0]}:8080/proxy/`,
    });
    expect(res.status).toBe(200);
    k.cluster.advance(1000);
    await new Promise((r) => setTimeout(r, 0));
    expect(p.stdout.length).toBeGreaterThan(before.length);
    expect(p.stdout.slice(before.length)).toMatch(
      /Running On: \S+ \| Total Requests: 1 \|/,
    );
    p.interrupt();
    expect((await p.result).code).toBe(0);
  });
});
