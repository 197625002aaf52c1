// Configuration: configmaps, secrets, serviceaccounts.
import type { ConfigMap, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import { DOC } from '../descriptions';
import { age, AGE_COLUMN, as, col, NAME_COLUMN, nameOf, type Printer } from '../printer';

export const configMapPrinter: Printer = {
  columns: [NAME_COLUMN, col('Data', 'string', DOC.ConfigMap_data), AGE_COLUMN],
  print(obj, ctx) {
    const cm = as<ConfigMap>(obj);
    const n = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
    return { cells: [nameOf(obj), n, age(obj, ctx)] };
  },
};

export const secretPrinter: Printer = {
  columns: [NAME_COLUMN, col('Type', 'string', DOC.Secret_type), col('Data', 'string', DOC.Secret_data), AGE_COLUMN],
  print(obj, ctx) {
    const s = as<Secret>(obj);
    // The v1→internal conversion merges stringData into data; decoding defaults type to Opaque.
    const keys = new Set([...Object.keys(s.data ?? {}), ...Object.keys(s.stringData ?? {})]);
    return { cells: [nameOf(obj), s.type || 'Opaque', keys.size, age(obj, ctx)] };
  },
};

export const serviceAccountPrinter: Printer = {
  columns: [NAME_COLUMN, col('Secrets', 'string', DOC.ServiceAccount_secrets), AGE_COLUMN],
  print(obj, ctx) {
    return { cells: [nameOf(obj), (as<ServiceAccount>(obj).secrets ?? []).length, age(obj, ctx)] };
  },
};
