// ConfigMap, Secret (sizes, never values), ServiceAccount, Namespace (with its quotas and limits).
import { ServerError } from '../errors';
import { apiPath, getObject, listAll, type DescribeContext } from './context';
import { describeEvents, eventsFor, refOf, searchEvents } from './events';
import { goLess, printAnnotationsMultiline, printLabelsMultiline, q, rfc1123z, sortedKeys, type J } from './format';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './writer';

/** Base64 data's decoded length. */
function decodedLength(b64: string): number {
  const s = b64.replace(/\s/g, '');
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.floor((s.length * 3) / 4) - pad;
}

/** UTF-8 byte length: Go's len() of a string. */
function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

export async function describeConfigMapByName(ctx: DescribeContext, namespace: string, name: string): Promise<string> {
  const cm = await getObject(ctx, apiPath('v1', 'configmaps', namespace, name));
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', cm.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
  // Go ranges over the map in random order; sorted keys give the same text every time.
  w.write(LEVEL_0, '\nData\n====\n');
  for (const k of Object.keys(cm.data ?? {}).sort(goLess)) {
    w.write(LEVEL_0, `${k}:\n----\n`);
    w.write(LEVEL_0, `${cm.data[k]}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  for (const k of Object.keys(cm.binaryData ?? {}).sort(goLess)) w.write(LEVEL_0, `${k}: ${decodedLength(String(cm.binaryData[k]))} bytes\n`);
  w.write(LEVEL_0, '\n');
  if (ctx.settings.showEvents) {
    const events = await searchEvents(ctx, refOf(cm, 'ConfigMap'));
    describeEvents(events, w, ctx.now);
  }
  return w.toString();
}

export async function describeSecretByName(ctx: DescribeContext, namespace: string, name: string): Promise<string> {
  const s = await getObject(ctx, apiPath('v1', 'secrets', namespace, name));
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${s.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${s.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', s.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', s.metadata.annotations);
  w.write(LEVEL_0, `\nType:\t${s.type ?? ''}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  for (const k of Object.keys(s.data ?? {}).sort(goLess)) {
    const raw = String(s.data[k]);
    // A service account token is meant to be read; every other value only shows its size.
    if (k === 'token' && s.type === 'kubernetes.io/service-account-token') {
      let text = '';
      try {
        text = new TextDecoder().decode(Uint8Array.from(atob(raw), (c) => c.charCodeAt(0)));
      } catch {
        text = raw;
      }
      w.write(LEVEL_0, `${k}:\t${text}\n`);
    } else {
      w.write(LEVEL_0, `${k}:\t${decodedLength(raw)} bytes\n`);
    }
  }
  return w.toString();
}

export async function describeServiceAccountByName(ctx: DescribeContext, namespace: string, name: string): Promise<string> {
  const sa = await getObject(ctx, apiPath('v1', 'serviceaccounts', namespace, name));
  const tokens: string[] = [];
  const missing = new Set<string>();
  try {
    const secrets = await listAll(ctx, apiPath('v1', 'secrets', namespace));
    const existing = new Set<string>();
    for (const s of secrets) {
      const a = s.metadata?.annotations ?? {};
      if (s.type === 'kubernetes.io/service-account-token' && a['kubernetes.io/service-account.name'] === sa.metadata.name && a['kubernetes.io/service-account.uid'] === sa.metadata.uid) tokens.push(s.metadata.name);
      existing.add(s.metadata.name);
    }
    for (const s of [...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])]) if (!existing.has(s.name)) missing.add(s.name);
  } catch {
    // kubectl describes the account even when its secrets cannot be listed.
  }
  const events = await eventsFor(ctx, refOf(sa, 'ServiceAccount'));
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${sa.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${sa.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', sa.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
  const empty = '                   ';
  // The headers in sorted order, as kubectl iterates them.
  const types: [string, string[]][] = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s: J) => s.name)],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s: J) => s.name)],
    ['Tokens:            ', tokens],
  ];
  for (const [header, names] of types) {
    if (!names.length) {
      w.write(LEVEL_0, `${header}\t<none>\n`);
      continue;
    }
    let prefix = header;
    for (const n of names) {
      w.write(LEVEL_0, missing.has(n) ? `${prefix}\t${n} (not found)\n` : `${prefix}\t${n}\n`);
      prefix = empty;
    }
  }
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

/** A list the server may not serve at all: NotFound means "not supported", shown as nothing. */
async function optionalList(ctx: DescribeContext, path: string): Promise<J[] | undefined> {
  try {
    return await listAll(ctx, path);
  } catch (e) {
    if (e instanceof ServerError && e.status.code === 404) return undefined;
    throw e;
  }
}

const QUOTA_SCOPES: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

function limitRangeRows(spec: J, prefix: string, w: PrefixWriter): void {
  for (const item of spec?.limits ?? []) {
    const names = new Set<string>();
    for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) for (const k of Object.keys(item[f] ?? {})) names.add(k);
    // Go ranges over a map here too; sorted keeps the table stable.
    for (const k of [...names].sort(goLess)) {
      const val = (f: string) => (item[f]?.[k] !== undefined ? q(item[f][k]) : '-');
      w.write(LEVEL_0, `${prefix}${item.type ?? ''}\t${k}\t${val('min')}\t${val('max')}\t${val('defaultRequest')}\t${val('default')}\t${val('maxLimitRequestRatio')}\n`);
    }
  }
}

export async function describeNamespaceByName(ctx: DescribeContext, _namespace: string, name: string): Promise<string> {
  const ns = await getObject(ctx, apiPath('v1', 'namespaces', undefined, name));
  const quotas = await optionalList(ctx, apiPath('v1', 'resourcequotas', name));
  const limits = await optionalList(ctx, apiPath('v1', 'limitranges', name));
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', ns.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conds: J[] = ns.status?.conditions ?? [];
  if (conds.length) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(LEVEL_1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  if (quotas) {
    w.write(LEVEL_0, '\n');
    if (!quotas.length) w.write(LEVEL_0, 'No resource quota.\n');
    else {
      w.write(LEVEL_0, 'Resource Quotas\n');
      for (const rq of [...quotas].sort((a, b) => goLess(a.metadata.name, b.metadata.name))) {
        w.write(LEVEL_1, `Name:\t${rq.metadata.name}\n`);
        const scopes: string[] = [...(rq.spec?.scopes ?? [])].sort(goLess);
        if (scopes.length) {
          w.write(LEVEL_1, `Scopes:\t${scopes.join(', ')}\n`);
          for (const s of scopes) if (QUOTA_SCOPES[s]) w.write(LEVEL_1, `* ${QUOTA_SCOPES[s]}\n`);
        }
        w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
        w.write(LEVEL_1, '--------\t---\t---\n');
        for (const r of sortedKeys(rq.status?.hard)) w.write(LEVEL_1, `${r}\t${q(rq.status?.used?.[r])}\t${q(rq.status.hard[r])}\n`);
      }
    }
  }
  if (limits) {
    w.write(LEVEL_0, '\n');
    if (!limits.length) w.write(LEVEL_0, 'No LimitRange resource.\n');
    else {
      w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
      w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
      for (const lr of limits) limitRangeRows(lr.spec, ' ', w);
    }
  }
  return w.toString();
}
