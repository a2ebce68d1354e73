/** The flags that say which dataset to work on, shared by every command. */
import type { Command } from 'commander';
import type { DatasetTarget } from '@shared/contract/dataset.js';
import { UsageError } from './exit-codes.js';

export interface TargetFlags {
  uri?: string;
  namespace?: string;
  tableId?: string;
  storageOption?: string[];
}

export function addTargetOptions(cmd: Command): Command {
  return cmd
    .option('--uri <uri>', 'dataset folder or object-store uri (s3://bucket/path.lance)')
    .option('--namespace <root>', 'a Lance directory namespace root (use with --table-id)')
    .option('--table-id <id>', "table id within the namespace; levels separated by '.'")
    .option('--storage-option <key=value>', 'object-store option, repeatable (e.g. aws_endpoint=http://127.0.0.1:9000)', collect, []);
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function parseKeyValues(pairs: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs ?? []) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} '${p}' is not key=value (e.g. ${flag} region=us-east-1).`);
    out[p.slice(0, eq).trim()] = p.slice(eq + 1);
  }
  return out;
}

/** Builds the target; "exactly one of uri or namespace+table id" is checked here and in the core. */
export function targetFromFlags(f: TargetFlags): DatasetTarget {
  const storageOptions = parseKeyValues(f.storageOption, '--storage-option');
  if (f.uri !== undefined && (f.namespace !== undefined || f.tableId !== undefined)) {
    throw new UsageError('Give either --uri, or --namespace with --table-id, not both.');
  }
  if (f.uri !== undefined) {
    if (!f.uri.trim()) throw new UsageError('--uri is empty; give a dataset folder or object-store uri.');
    return { uri: f.uri, storageOptions };
  }
  if (f.namespace !== undefined || f.tableId !== undefined) {
    if (!f.namespace) throw new UsageError('--table-id needs --namespace <root> (the namespace folder or uri).');
    if (!f.tableId || !f.tableId.trim()) throw new UsageError('--namespace needs --table-id <id> (e.g. --table-id reviews).');
    return { namespace: { root: f.namespace, impl: 'dir', properties: {} }, tableId: f.tableId.split('.'), storageOptions };
  }
  throw new UsageError('No dataset given: pass --uri <path>, or --namespace <root> --table-id <id>.');
}
