// kubectl exec against an in-process cluster: commands and exit codes, the texts kubectl v1.32
// prints, and an interactive -it session through the streaming transport.
import { describe, expect, it } from "vitest";
import { createCluster } from "../../../cluster/cluster";
import { inProcessClient } from "../../../transport/inprocess";
import { BOOTCAMP, deployment, makeKit, pod } from "../logs/testkit";

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
  await k.create(deployment("web", 1));
  await k.create(
    pod("two", [
      { name: "a", image: "nginx" },
      { name: "b", image: BOOTCAMP },
    ]),
  );
  k.settle();
  const web = (await k.pods("app=web"))[0].metadata.name!;
  return { k, web };
}

describe("kubectl exec", () => {
  it("runs a command and prints its output (the bootcamp env)", async () => {
    const { k, web } = await setup();
    const r = await k.run("exec", web, "--", "env");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(`HOSTNAME=${web}\n`);
    expect(r.stdout).toContain("KUBERNETES_SERVICE_HOST=10.96.0.1\n");
  });

  it("returns the exit code with kubectl's note", async () => {
    const { k, web } = await setup();
    const r = await k.run("exec", web, "--", "cat", "/nope");
    expect(r).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "cat: /nope: No such file or directory\ncommand terminated with exit code 1\n",
    });
  });

  it("defaults the container with a note; -c chooses", async () => {
    const { k } = await setup();
    const r = await k.run("exec", "two", "--", "hostname");
    expect(r).toEqual({
      code: 0,
      stdout: "two\n",
      stderr: 'Defaulted container "a" out of: a, b\n',
    });
    const b = await k.run("exec", "two", "-c", "b", "--", "ls", "/");
    expect(b.stderr).toBe("");
    expect(b.stdout).toContain("server.js\n");
  });

  it("deploy/NAME runs in one of its pods", async () => {
    const { k, web } = await setup();
    expect(await k.run("exec", "deploy/web", "--", "hostname")).toEqual({
      code: 0,
      stdout: `${web}\n`,
      stderr: "",
    });
  });

  it("the deprecated form without --", async () => {
    const { k, web } = await setup();
    const r = await k.run("exec", web, "hostname");
    expect(r).toEqual({
      code: 0,
      stdout: `${web}\n`,
      stderr:
        "kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n",
    });
  });

  it("error texts", async () => {
    const { k, web } = await setup();
    await k.create(pod("slow", [{ name: "slow", image: "nosuch/image:v9" }]));
    const cases: [string[], RegExp | string][] = [
      [["exec"], "error: pod, type/name or --filename must be specified\n"],
      [
        ["exec", web],
        "error: you must specify at least one command for the container\n",
      ],
      [
        ["exec", web, "--"],
        "error: you must specify at least one command for the container\n",
      ],
      [
        ["exec", "nope", "--", "ls"],
        'Error from server (NotFound): pods "nope" not found\n',
      ],
      [
        ["exec", "two", "-c", "zz", "--", "ls"],
        "Error from server (BadRequest): container zz is not valid for pod two\n",
      ],
      [
        ["exec", "slow", "--", "ls"],
        'error: unable to upgrade connection: container not found ("slow")\n',
      ],
      [
        ["exec", web, "--", "nosuchcmd"],
        /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuchcmd": executable file not found in \$PATH: unknown\n$/,
      ],
    ];
    for (const [argv, err] of cases) {
      const r = await k.run(...argv);
      expect(r.code, argv.join(" ")).toBe(1);
      if (typeof err === "string") expect(r.stderr, argv.join(" ")).toBe(err);
      else expect(r.stderr, argv.join(" ")).toMatch(err);
    }
  });

  it("-it opens a session: prompt, commands, exit", async () => {
    const { k, web } = await setup();
    const p = k.start(["exec", "-it", web, "--", "bash"], {
      lines: ["hostname", "ls /", "exit", "never sent"],
    });
    const r = await p.result;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.startsWith(`root@${web}:/# `)).toBe(true);
    expect(r.stdout).toContain(`${web}\n`);
    expect(r.stdout).toContain("server.js");
    expect(r.stdout.endsWith("exit\n")).toBe(true);
    expect(r.stdout).not.toContain("never sent");
  });

  it("-it with a command that is not a shell prints its output", async () => {
    const { k, web } = await setup();
    const r = await k.start(
      ["exec", "-ti", web, "--", "curl", "-s", "http://localhost:8080"],
      { lines: [] },
    ).result;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `Hello Kubernetes bootcamp! | Running on: ${web} | v=1`,
    );
  });

  it("-t without -i runs without a terminal; -it without one warns", async () => {
    const { k, web } = await setup();
    expect(await k.run("exec", "-t", web, "--", "hostname")).toEqual({
      code: 0,
      stdout: `${web}\n`,
      stderr: "",
    });
    const r = await k.start(["exec", "-it", web, "--", "sh"], {
      stdin: "hostname\nexit\n",
    }).result;
    expect(r.stderr).toBe(
      "Unable to use a TTY - input is not a terminal or the right kind of file\n",
    );
    expect(r.stdout).toContain(`${web}\n`);
  });
});
