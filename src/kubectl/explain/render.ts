// kubectl explain's plaintext output (kubectl v1.32 pkg/explain/v2, its plaintext template),
// computed from an OpenAPI v3 group-version document: KIND/VERSION, FIELD, DESCRIPTION, FIELDS
// with type hints (<string>, <[]Container>, <map[string]string>), -required-, enums, and
// --recursive's indented field tree. Written from the template's behaviour, in TypeScript.

type Schema = Record<string, any>;
type Doc = {
  paths?: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, Schema> };
};

export class ExplainError extends Error {}

/** go-wordwrap's WrapString: breaks at whitespace so lines stay within lim runes when possible. */
export function wordWrap(s: string, lim: number): string {
  let out = "";
  let current = 0;
  let word = "";
  let space = "";
  const len = (x: string) => [...x].length;
  for (const ch of s) {
    if (ch === "\n") {
      if (word === "") {
        if (current + len(space) > lim) current = 0;
        else out += space;
      } else {
        out += space + word;
        word = "";
      }
      space = "";
      out += ch;
      current = 0;
    } else if (/\s/.test(ch) && ch !== "\u00a0") {
      if (space === "" || word !== "") {
        current += len(space) + len(word);
        out += space + word;
        space = "";
        word = "";
      }
      space += ch;
    } else {
      word += ch;
      if (current + len(space) + len(word) > lim && len(word) < lim) {
        out += "\n";
        current = 0;
        space = "";
      }
    }
  }
  if (word === "") {
    if (current + len(space) <= lim) out += space;
  } else {
    out += space + word;
  }
  return out;
}

function indent(n: number, s: string): string {
  const pad = " ".repeat(n);
  return pad + s.split("\n").join("\n" + pad);
}

function resolveRef(ref: unknown, doc: Doc): Schema | undefined {
  if (typeof ref !== "string" || !ref.startsWith("#")) return undefined;
  let cur: any = doc;
  for (const k of ref.slice(1).split("/")) {
    if (!k) continue;
    const next = cur?.[k];
    if (!next || typeof next !== "object" || Array.isArray(next))
      return undefined;
    cur = next;
  }
  return cur as Schema;
}

const isMapSchema = (s: Schema) =>
  s.additionalProperties && typeof s.additionalProperties === "object";

function typeGuess(s: Schema, doc: Doc): string {
  if (s.items) return "[]" + typeGuess(s.items, doc);
  if (isMapSchema(s))
    return "map[string]" + typeGuess(s.additionalProperties, doc);
  if (s.allOf && !s.properties && s.allOf.length === 1)
    return typeGuess(s.allOf[0], doc);
  if (s.$ref) {
    const ref: string = s.$ref;
    const target = resolveRef(ref, doc);
    if (!target || !target.type || target.type === "object") {
      const name = ref.split("/").pop() ?? "";
      return name.split(".").pop() || "Object";
    }
    return target.type || "Object";
  }
  if (s.type === "object") return "Object";
  return s.type || "Object";
}

function enumText(v: unknown): string {
  return v === "" ? '""' : String(v);
}

function extractEnumShort(s: Schema, indentAmount: number, limit = 4): string {
  if (!Array.isArray(s.enum) || !s.enum.length) return "";
  let out = "\n" + " ".repeat(indentAmount) + "enum: ";
  for (let i = 0; i < s.enum.length; i++) {
    if (limit > -1 && i >= limit) {
      out += ", ....";
      break;
    }
    if (i > 0) out += ", ";
    out += enumText(s.enum[i]);
  }
  return out;
}

function extractEnumLong(s: Schema): string {
  if (!Array.isArray(s.enum) || !s.enum.length) return "";
  return "ENUM:" + s.enum.map((e: unknown) => "\n    " + enumText(e)).join("");
}

function description(s: Schema, doc: Doc): string {
  const r = resolveRef(s.$ref, doc) ?? s;
  let out = "";
  if (r.description) out += r.description + "\n";
  for (const a of r.allOf ?? []) out += description(a, doc);
  if (r.items) out += description(r.items, doc);
  if (isMapSchema(r)) out += description(r.additionalProperties, doc);
  return out;
}

function externalDocs(s: Schema, level: number): string {
  const d = s.externalDocs;
  if (!d) return "";
  let out = indent(level, "EXTERNAL DOCS:") + "\n";
  if (d.description)
    out += indent(level + 4, wordWrap(d.description, 76 - level)) + "\n";
  if (d.url) out += indent(level + 4, "URL: " + d.url) + "\n";
  return out;
}

function fieldDetail(
  parent: Schema,
  name: string,
  short: boolean,
  level: number,
  doc: Doc,
): string {
  const ind = level * 2;
  const f: Schema = parent.properties[name];
  let out = indent(ind, name) + "\t<" + typeGuess(f, doc) + ">";
  if (Array.isArray(parent.required) && parent.required.includes(name))
    out += " -required-";
  out += extractEnumShort(f, ind) + "\n";
  if (!short) {
    out +=
      indent(ind + 2, wordWrap(f.description || "<no description>", 78 - ind)) +
      "\n";
    if (f.externalDocs) out += "\n" + externalDocs(f, ind + 2);
    out += "\n";
  }
  return out;
}

function fieldList(
  s: Schema,
  level: number,
  history: Set<string>,
  recursive: boolean,
  doc: Doc,
): string {
  const ref: string = s.$ref ?? "";
  if (ref && history.has(ref)) return "";
  const next = new Set(history).add(ref);
  const r = resolveRef(ref, doc) ?? s;
  let out = "";
  if (r.properties && typeof r.properties === "object") {
    for (const k of Object.keys(r.properties).sort()) {
      out += fieldDetail(r, k, recursive, level, doc);
      if (recursive)
        out += fieldList(r.properties[k], level + 1, next, recursive, doc);
    }
  }
  for (const a of r.allOf ?? [])
    out += fieldList(a, level, next, recursive, doc);
  if (r.items) out += fieldList(r.items, level, next, recursive, doc);
  if (isMapSchema(r))
    out += fieldList(r.additionalProperties, level, next, recursive, doc);
  return out;
}

function output(
  s: Schema,
  path: string[],
  history: Set<string>,
  recursive: boolean,
  doc: Doc,
): string {
  const ref: string = s.$ref ?? "";
  const next = new Set(history).add(ref);
  const r = resolveRef(ref, doc) ?? s;
  if (!path.length) {
    let out = "DESCRIPTION:\n";
    out += indent(4, wordWrap(description(r, doc) || "<empty>", 76)) + "\n";
    const ext = externalDocs(r, 0);
    if (ext) out += "\n" + ext;
    const fields = fieldList(r, 1, new Set(), recursive, doc);
    if (fields) out += "FIELDS:\n" + fields;
    return out;
  }
  if (ref && history.has(ref)) return "";
  if (r.properties && r.properties[path[0]]) {
    const sub: Schema = r.properties[path[0]];
    let out = "";
    if (path.length === 1)
      out +=
        `FIELD: ${path[0]} <${typeGuess(sub, doc)}>\n` +
        extractEnumLong(sub) +
        "\n\n";
    return out + output(sub, path.slice(1), new Set(), recursive, doc);
  }
  if (r.items) return output(r.items, path, next, recursive, doc);
  if (isMapSchema(r))
    return output(r.additionalProperties, path, next, recursive, doc);
  for (const a of r.allOf ?? []) {
    const o = output(a, path, next, recursive, doc);
    if (o) return o;
  }
  return "";
}

export interface Gvr {
  group: string;
  version: string;
  resource: string;
}

/**
 * The text kubectl explain prints for a resource and field path. What is written before an error
 * (the KIND/VERSION header) comes back with it, as the real one prints it before failing.
 */
export function renderExplain(
  doc: Doc,
  gvr: Gvr,
  fieldPath: string[],
  recursive: boolean,
): { text: string; error?: string } {
  const prefix = gvr.group ? `/apis/${gvr.group}` : "/api";
  const searches = [
    `${prefix}/${gvr.version}/${gvr.resource}`,
    `${prefix}/${gvr.version}/${gvr.resource}/{name}`,
    `${prefix}/${gvr.version}/namespaces/{namespace}/${gvr.resource}`,
    `${prefix}/${gvr.version}/namespaces/{namespace}/${gvr.resource}/{name}`,
  ];
  let gvk: { group?: string; version?: string; kind?: string } | undefined;
  for (const p of searches) {
    const el = doc.paths?.[p];
    if (!el) continue;
    for (const m of ["get", "post", "put", "patch", "delete"]) {
      const g = el[m]?.["x-kubernetes-group-version-kind"];
      if (g) {
        gvk = g;
        break;
      }
    }
  }
  if (!gvk)
    return {
      text: "",
      error: `error: GVR (${gvr.group ? gvr.group + "/" : ""}${gvr.version}, Resource=${gvr.resource}) not found in OpenAPI schema`,
    };
  let text = "";
  if (gvk.group) text += `GROUP:      ${gvk.group}\n`;
  text += `KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`;
  const schemas = doc.components?.schemas ?? {};
  for (const key of Object.keys(schemas).sort()) {
    const s = schemas[key];
    const list = s["x-kubernetes-group-version-kind"];
    if (!Array.isArray(list)) continue;
    const match = list.some(
      (g: Record<string, unknown>) =>
        Object.keys(g).length === Object.keys(gvk!).length &&
        Object.entries(gvk!).every(([k, v]) => g[k] === v),
    );
    if (!match) continue;
    const out = output(s, fieldPath, new Set(), recursive, doc);
    if (!out)
      return {
        text,
        error: `error: field "${fieldPath[fieldPath.length - 1]}" does not exist`,
      };
    return { text: text + out + "\n" };
  }
  return {
    text,
    error: `error: GVK ${gvk.group}/${gvk.version}, Kind=${gvk.kind} not found in OpenAPI schema`,
  };
}
