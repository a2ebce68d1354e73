import { describe, expect, it } from 'vitest';
import { ApiCallError, decodeCallError, dispatchCall, encodeCallError } from '@shared/contract/bridge';
import { fileFor } from '../../electron/host/static-files';
import { targetKey } from '@core/studio-service';

describe('the bridge', () => {
  const handlers = {
    recentDatasets: async () => [],
    previewRows: async (i: unknown) => i,
  } as unknown as Parameters<typeof dispatchCall>[0];

  it('refuses unknown methods and inputs that fail their schema, before any handler runs', async () => {
    expect(await dispatchCall(handlers, 'rm', {})).toEqual({ ok: false, error: { kind: 'input', message: "Unknown method 'rm'." } });
    const bad = await dispatchCall(handlers, 'previewRows', { target: { uri: '' }, offset: 0, limit: 5 });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'input' } });
  });

  it('hands the handler the parsed input, defaults filled in', async () => {
    const r = await dispatchCall(handlers, 'previewRows', { target: { uri: '/d' }, offset: 0, limit: 5 });
    expect(r).toEqual({ ok: true, output: { target: { uri: '/d', storageOptions: {} }, offset: 0, limit: 5 } });
  });

  it('turns a thrown error into data with its kind and field', async () => {
    const throwing = {
      recentDatasets: async () => {
        throw Object.assign(new Error('nope'), { kind: 'input', field: 'target' });
      },
    } as unknown as Parameters<typeof dispatchCall>[0];
    expect(await dispatchCall(throwing, 'recentDatasets', {})).toEqual({ ok: false, error: { kind: 'input', message: 'nope', field: 'target' } });
  });

  it('carries an ApiError through an Error message (what contextBridge keeps) and back', () => {
    const wrapped = new Error(`Error invoking remote method: ${encodeCallError({ kind: 'input', message: 'bad', field: 'workers' }).message}`);
    const e = decodeCallError(wrapped);
    expect(e).toBeInstanceOf(ApiCallError);
    expect([e.kind, e.message, e.field]).toEqual(['input', 'bad', 'workers']);
    expect(decodeCallError(new Error('plain')).kind).toBe('internal');
  });
});

describe('browser mode static files', () => {
  it('never resolves outside the renderer folder', () => {
    expect(fileFor('/srv/r', '/')).toBe('/srv/r/index.html');
    expect(fileFor('/srv/r', '/assets/a.js')).toBe('/srv/r/assets/a.js');
    expect(fileFor('/srv/r', '/../secret')).toBe('/srv/r/secret');
    expect(fileFor('/srv/r', '/%2e%2e/%2e%2e/etc/passwd')).toBe('/srv/r/etc/passwd');
    expect(fileFor('/srv/r', '/%E0%A4%A')).toBeUndefined();
    expect(fileFor('/srv/r', '/a%00b')).toBeUndefined();
  });
});

describe('dataset keys', () => {
  it('are the same however options were ordered or a trailing slash typed', () => {
    expect(targetKey({ uri: '/d.lance/', storageOptions: { b: '2', a: '1' } })).toBe(targetKey({ uri: '/d.lance', storageOptions: { a: '1', b: '2' } }));
    expect(targetKey({ uri: '/d.lance', storageOptions: {} })).not.toBe(targetKey({ uri: '/e.lance', storageOptions: {} }));
  });
});
