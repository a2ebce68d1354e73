/**
 * What of a dataset target may be written to disk in the recent-datasets list. Storage options
 * and namespace properties often hold credentials (keys, tokens, SAS strings); the list keeps
 * which keys were set, with an empty value, and only a few plainly public values (a region, an
 * endpoint, ...). Reopening such an entry asks for the values again; a line left out lets Lance
 * take the credential from the environment (AWS_SECRET_ACCESS_KEY, ...). An allowlist, not a
 * list of secret names: a key nobody thought of is forgotten rather than kept.
 */
import type { DatasetTarget } from './contract/dataset.js';

const PUBLIC_KEYS = new Set([
  'region',
  'endpoint',
  'endpoint_url',
  'allow_http',
  'allow_invalid_certificates',
  'virtual_hosted_style_request',
  's3_express',
  'timeout',
  'connect_timeout',
  'account_name',
  'container_name',
  'bucket',
  'use_emulator',
  'uri',
]);
const PROVIDER_PREFIX = /^(aws|google|gcs|azure_storage|azure)_/;

function keepsValue(key: string): boolean {
  const k = key.toLowerCase();
  return PUBLIC_KEYS.has(k) || PUBLIC_KEYS.has(k.replace(PROVIDER_PREFIX, ''));
}

const redact = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, keepsValue(k) ? v : '']));

/** The target as it may be remembered: every value that could be a secret emptied. */
export function rememberedTarget(t: DatasetTarget): DatasetTarget {
  if ('uri' in t) return { uri: t.uri, storageOptions: redact(t.storageOptions ?? {}) };
  return {
    namespace: { ...t.namespace, properties: redact(t.namespace.properties ?? {}) },
    tableId: t.tableId,
    storageOptions: redact(t.storageOptions ?? {}),
  };
}

/** Keys whose values were not remembered and must be given again (or left to the environment). */
export function forgottenKeys(t: DatasetTarget): string[] {
  const props = 'namespace' in t ? (t.namespace.properties ?? {}) : {};
  return Object.entries({ ...(t.storageOptions ?? {}), ...props })
    .filter(([k, v]) => v === '' && !keepsValue(k))
    .map(([k]) => k);
}
