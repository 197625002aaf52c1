// Teachers' lesson packs in the panel: reading a pack (data only) into picker tracks, its
// problems as file:line messages, and remembering packs in localStorage.
import { describe, expect, it } from "vitest";
import type { KeyValue } from "./progress-store";
import {
  fetchPackText,
  loadStoredPacks,
  readPack,
  saveStoredPacks,
  withoutPack,
  withPack,
} from "./packs";

const kv = (): KeyValue & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
};

const YAML = `id: teach/first
title: { en: First, zh: 第一课 }
summary: { en: "One.", zh: "一。" }
minutes: 5
prerequisites: []
topology: default
nodes: 1
seed: 3
setup: []
steps:
  - id: create
    checks:
      - deploymentReady: { name: web, replicas: 2 }
    hints:
      - { en: "Use kubectl create deployment.", zh: "用 kubectl create deployment。" }
    solution:
      - kubectl create deployment web --image=nginx:1.27 --replicas=2
  - id: challenge
    challenge: true
    checks:
      - serviceEndpoints: { name: web, count: 2 }
    solution:
      - kubectl expose deployment web --port 80
`;
const md = (title: string) =>
  `# ${title}\n\nIntro.\n\n## create\n\nCreate it.\n\n## challenge\n\nExpose it.\n`;
const files = (over: Record<string, string> = {}) => ({
  "01-teach/track.yaml":
    "id: teach\ntitle: { en: Class pack, zh: 课堂课程包 }\n",
  "01-teach/01-first/lesson.yaml": YAML,
  "01-teach/01-first/en.md": md("First"),
  "01-teach/01-first/zh.md": md("第一课"),
  ...over,
});
const none = { tracks: [], lessons: [] };

describe("readPack", () => {
  it("turns a valid pack into a picker track with its lessons, checks, hints and solutions", async () => {
    const r = await readPack(JSON.stringify(files()), "pack.json", none);
    expect(r.errors).toEqual([]);
    expect(r.pack!.source).toBe("pack.json");
    expect(r.pack!.tracks).toEqual([
      {
        id: "teach",
        dir: "01-teach",
        title: { en: "Class pack", zh: "课堂课程包" },
        lessons: [
          {
            id: "teach/first",
            track: "teach",
            dir: "01-teach/01-first",
            title: { en: "First", zh: "第一课" },
            summary: { en: "One.", zh: "一。" },
            minutes: 5,
            prerequisites: [],
            steps: 2,
          },
        ],
      },
    ]);
    const l = r.pack!.lessons[0];
    expect(l.steps[0].hints[0].zh).toBe("用 kubectl create deployment。");
    expect(l.steps[1].solution).toEqual([
      "kubectl expose deployment web --port 80",
    ]);
  });

  it("reports the validator's messages as file:line: reason", async () => {
    const r = await readPack(
      JSON.stringify(
        files({
          "01-teach/01-first/zh.md":
            "# 第一课\n\n简介。\n\n## create\n\n创建。\n",
        }),
      ),
      "pack.json",
      none,
    );
    expect(r.pack).toBeUndefined();
    expect(r.errors).toEqual([
      'lessons/01-teach/01-first/zh.md: missing section "## challenge" (steps: create, challenge)',
    ]);
    expect((await readPack("<html>", "x.json", none)).errors[0]).toMatch(
      /^x\.json: a lesson pack is a JSON object/,
    );
    expect((await readPack("{}", "empty.json", none)).errors).toEqual([
      expect.stringMatching(/^empty\.json: this pack holds no lessons/),
    ]);
  });

  it("refuses ids already in the picker, and accepts prerequisites on them", async () => {
    const r = await readPack(JSON.stringify(files()), "p.json", {
      tracks: ["teach"],
      lessons: ["teach/first"],
    });
    expect(r.errors).toEqual([
      'lessons/01-teach/track.yaml: track id "teach" is already in the lesson list (a built-in track or another pack)',
      'lessons/01-teach/01-first/lesson.yaml: lesson id "teach/first" is already in the lesson list (a built-in lesson or another pack)',
    ]);
    const pre = files({
      "01-teach/01-first/lesson.yaml": YAML.replace(
        "prerequisites: []",
        "prerequisites: [basics/deploy-an-app]",
      ),
    });
    expect(
      (
        await readPack(JSON.stringify(pre), "p.json", {
          tracks: [],
          lessons: ["basics/deploy-an-app"],
        })
      ).errors,
    ).toEqual([]);
    expect(
      (await readPack(JSON.stringify(pre), "p.json", none)).errors,
    ).toEqual([
      'lessons/01-teach/01-first/lesson.yaml: prerequisite "basics/deploy-an-app" is not a known lesson id',
    ]);
  });
});

describe("pack persistence", () => {
  it("stores packs as their text, replaces one from the same source, removes one", () => {
    const s = kv();
    expect(loadStoredPacks(s)).toEqual([]);
    let list = withPack([], { source: "a.json", text: '{"a":1}' });
    list = withPack(list, { source: "https://x/b.json", text: "{}" });
    list = withPack(list, { source: "a.json", text: '{"a":2}' });
    expect(saveStoredPacks(list, s)).toBe(true);
    expect(loadStoredPacks(s)).toEqual([
      { source: "a.json", text: '{"a":2}' },
      { source: "https://x/b.json", text: "{}" },
    ]);
    expect(saveStoredPacks(withoutPack(loadStoredPacks(s), "a.json"), s)).toBe(
      true,
    );
    expect(loadStoredPacks(s)).toEqual([
      { source: "https://x/b.json", text: "{}" },
    ]);
    saveStoredPacks([], s);
    expect(s.data.size).toBe(0);
  });

  it("survives damaged entries and storage that refuses to write", () => {
    const s = kv();
    s.setItem("kubeplay.lessons.packs", "not json");
    expect(loadStoredPacks(s)).toEqual([]);
    s.setItem(
      "kubeplay.lessons.packs",
      JSON.stringify([{ source: "ok", text: "t" }, { source: 3 }, null]),
    );
    expect(loadStoredPacks(s)).toEqual([{ source: "ok", text: "t" }]);
    const full: KeyValue = {
      ...kv(),
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(saveStoredPacks([{ source: "a", text: "b" }], full)).toBe(false);
    expect(saveStoredPacks([], undefined)).toBe(false);
  });
});

describe("fetchPackText", () => {
  it("returns the text, or the HTTP status / network error as a message", async () => {
    const ok = (async () => new Response('{"x":"y"}')) as typeof fetch;
    expect(await fetchPackText("https://t/p.json", ok)).toEqual({
      text: '{"x":"y"}',
      errors: [],
    });
    const missing = (async () =>
      new Response("nope", { status: 404 })) as typeof fetch;
    expect(await fetchPackText("https://t/p.json", missing)).toEqual({
      errors: ["https://t/p.json: HTTP 404"],
    });
    const down = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    expect(await fetchPackText("https://t/p.json", down)).toEqual({
      errors: ["https://t/p.json: Failed to fetch"],
    });
  });
});
