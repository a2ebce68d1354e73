/** Datasets written by pylance itself (test/fixtures/write_dataset.py), not by our `sample` command. */
import { runFixture } from './python.js';

export interface PylanceDatasetSpec {
  /** A folder or s3:// uri; or give namespaceRoot + tableId to create the table in a directory namespace. */
  uri?: string;
  namespaceRoot?: string;
  tableId?: string[];
  /** Rows per fragment, in order; uneven on purpose so the balancer has work to do. */
  fragments: number[];
  storageOptions?: Record<string, string>;
  /** A filter of rows to delete after writing (a deletion file, like real datasets have). */
  deleteWhere?: string;
  /** Append the fragments to the existing dataset at `uri`, ids starting here. */
  appendFrom?: number;
}

export interface WrittenDataset {
  uri: string;
  version: number;
  rows: number;
  fragments: number[];
}

/** Six uneven fragments, ~2,200 live rows: small enough to build in well under a second. */
export const UNEVEN_FRAGMENTS = [700, 300, 500, 150, 400, 250];

/** The fixture writes this marker word into the review of every 97th id (see write_dataset.py). */
export const RARE_TOKEN = 'zephyrmarker';

export function writePylanceDataset(spec: PylanceDatasetSpec): Promise<WrittenDataset> {
  return runFixture<WrittenDataset>('write_dataset.py', [
    JSON.stringify({
      uri: spec.uri,
      namespace_root: spec.namespaceRoot,
      table_id: spec.tableId,
      fragments: spec.fragments,
      storage_options: spec.storageOptions,
      delete: spec.deleteWhere,
      append_from: spec.appendFrom,
    }),
  ]);
}
