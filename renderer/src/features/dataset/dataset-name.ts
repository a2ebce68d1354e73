/** The short name people call a dataset by: its folder's name, or the namespace table id. */
import type { DatasetTarget } from '@shared/contract/dataset';

export function datasetName(target: DatasetTarget): string {
  return 'uri' in target ? (target.uri.replace(/\/+$/, '').split('/').pop() ?? target.uri) : target.tableId.join('.');
}
