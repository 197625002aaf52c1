// kubectl explain against the in-process apiserver's OpenAPI v3: testdata/ holds what the real
// kubectl v1.32 printed against `kubeplay apiserver` (same documents), byte for byte.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createCluster } from "../../../cluster/cluster";
import { inProcessClient } from "../../../transport/inprocess";
import { runKubectl } from "../../kubectl";
import type { KubectlIO } from "../../io";
import { wordWrap } from "../../explain/render";

const cluster = createCluster({ empty: true, controllers: false });
const client = inProcessClient(cluster.api);

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: KubectlIO = {
    stdout: { write: (t) => void (stdout += t) },
    stderr: { write: (t) => void (stderr += t) },
    signal: { aborted: false, onAbort: () => () => {} },
    now: () => 0,
    sleep: async () => {},
    readFile: () => undefined,
  };
  const code = await runKubectl(argv, io, {
    client,
    namespace: "default",
    server: "http://127.0.0.1:8080",
  });
  return { code, stdout, stderr };
}

const golden = (name: string) =>
  readFileSync(new URL(`testdata/${name}.stdout`, import.meta.url), "utf8");

describe("kubectl explain: the real kubectl v1.32 outputs", () => {
  for (const [name, argv] of [
    ["pod", ["pod"]],
    ["pod.spec.containers", ["pod.spec.containers"]],
    ["pod.spec.restartPolicy", ["pods.spec.restartPolicy"]],
    [
      "deployment.spec.strategy_recursive",
      ["deployment.spec.strategy", "--recursive"],
    ],
    ["svc.spec.ports", ["svc.spec.ports"]],
    ["pod_recursive", ["po", "--recursive"]],
  ] as const) {
    it(name, async () => {
      const r = await run("explain", ...argv);
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe(golden(name));
      expect(r.code).toBe(0);
    });
  }

  it("--api-version", async () => {
    const r = await run("explain", "deploy", "--api-version=apps/v1");
    expect(r.code).toBe(0);
    expect(
      r.stdout.startsWith(
        "GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nDESCRIPTION:\n",
      ),
    ).toBe(true);
  });

  it("errors", async () => {
    expect(await run("explain", "pods.foo")).toEqual({
      code: 1,
      stdout: golden("pods.foo"),
      stderr: 'error: field "foo" does not exist\n',
    });
    expect(await run("explain", "pod.spec.containers.nope")).toMatchObject({
      code: 1,
      stderr: 'error: field "nope" does not exist\n',
    });
    expect(await run("explain", "foo")).toEqual({
      code: 1,
      stdout: "",
      stderr: 'the server doesn\'t have a resource type "foo"\n',
    });
    expect((await run("explain")).code).toBe(1);
  });
});

describe("wordWrap (go-wordwrap)", () => {
  it("breaks at spaces within the limit, keeps long words and newlines", () => {
    expect(wordWrap("aaa bbb ccc", 7)).toBe("aaa bbb\nccc");
    expect(wordWrap("a https://very-long-url.example/path b", 10)).toBe(
      "a\nhttps://very-long-url.example/path\nb",
    );
    expect(wordWrap("one\ntwo three", 5)).toBe("one\ntwo\nthree");
  });
});
