/**
 * The renderer's stores subscribe when startStores() says so, not when they are imported, and
 * its stop leaves nothing listening. A fake LanceIndexApi stands in for the bridge: what is
 * checked here is who listens when, which needs no host and no engine.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent, ApiEventPayload, ApiMethod, LanceIndexApi } from '@shared/contract/api';
import { apiMethods } from '@shared/contract/bridge';
import type { BuildEvent } from '@shared/contract/build';
import type { DatasetDescription } from '@shared/contract/dataset';

const description: DatasetDescription = {
  uri: '/d.lance',
  storageOptions: {},
  version: 1,
  latestVersion: 1,
  schema: [{ name: 'id', path: 'id', type: { kind: 'int', arrow: 'int64' }, nullable: false }],
  fragments: [{ id: 0, rows: 10, physicalRows: 10, deletedRows: 0, bytes: 100 }],
  indices: [],
};
const target = { uri: '/d.lance', storageOptions: {} };

/** A LanceIndexApi that counts its listeners and answers the few calls these stores make. */
function fakeApi() {
  const listeners = new Map<ApiEvent, Set<(p: unknown) => void>>();
  const calls: ApiMethod[] = [];
  const answers: Partial<Record<ApiMethod, () => unknown>> = {
    describeDataset: () => description,
    startBuild: () => ({ jobId: 'j1' }),
    listBuilds: () => [],
    preferences: () => ({ theme: 'dark' }),
  };
  let subscriptions = 0;
  const api: LanceIndexApi = {
    ...apiMethods((m) => async () => {
      calls.push(m);
      const answer = answers[m];
      if (!answer) throw new Error(`${m} is not in this fake`);
      return answer() as never;
    }),
    on(event, listener) {
      subscriptions++;
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
  };
  return {
    api,
    calls,
    subscriptions: () => subscriptions,
    /** Listeners now, per event with any. */
    listening: () => Object.fromEntries([...listeners].filter(([, s]) => s.size > 0).map(([e, s]) => [e, s.size])),
    emit: <E extends ApiEvent>(event: E, payload: ApiEventPayload<E>) => {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  };
}

/** A WebSocket that only records: browser mode must open none until startStores. */
class FakeSocket {
  static readonly OPEN = 1;
  static made: FakeSocket[] = [];
  readyState = 0;
  closed = false;
  private handlers = new Map<string, Array<(e: unknown) => void>>();
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  addEventListener(type: string, h: (e: unknown) => void): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), h]);
  }
  send(): void {}
  close(): void {
    this.closed = true;
  }
  fire(type: string, e: unknown = {}): void {
    for (const h of this.handlers.get(type) ?? []) h(e);
  }
}

const result = (jobId: string): BuildEvent => ({
  jobId,
  t: 5,
  type: 'result',
  result: { ok: true, jobId, uri: target.uri, batches: [], timingsMs: {} },
});

/** Every module that used to subscribe when loaded, fresh (module state included) for each test. */
async function importStores() {
  return {
    bridge: await import('@renderer/api/bridge'),
    start: await import('@renderer/app/start-stores'),
    dataset: await import('@renderer/features/dataset/dataset-store'),
    focus: await import('@renderer/features/dataset/focus-after-open'),
    selection: await import('@renderer/features/explore/selection-store'),
    progress: await import('@renderer/features/progress/progress-store'),
    connection: await import('@renderer/store/connection-store'),
    // The rest of the window's graph, loaded for what its modules do when imported.
    engine: await import('@renderer/features/engine/engine-store'),
    commands: await import('@renderer/app/commands'),
    build: await import('@renderer/features/build/build-store'),
    query: await import('@renderer/features/explore/query-store'),
    older: await import('@renderer/features/explore/older-version-store'),
    care: await import('@renderer/features/explore/index-care-store'),
  };
}

type Stores = Awaited<ReturnType<typeof importStores>>;

/** Leaves a mark in every store that resets itself when a dataset is opened. */
function markAll(m: Stores): void {
  m.selection.selectAll([0]);
  m.focus.focusTaken();
  m.query.useQuery.setState({ error: 'mark' });
  m.older.useOlderVersion.setState({ error: 'mark' });
  m.care.useIndexCare.setState({ lastChange: 'mark' });
  m.build.useBuild.setState((s) => ({ form: { ...s.form, fragments: '0' } }));
}
/** The stores whose mark is still there: they did not hear the open. */
function stillMarked(m: Stores): string[] {
  const marks = {
    selection: m.selection.useSelection.getState().selected.size === 1,
    focus: !m.focus.useFocusAfterOpen.getState().pending,
    query: m.query.useQuery.getState().error === 'mark',
    older: m.older.useOlderVersion.getState().error === 'mark',
    care: m.care.useIndexCare.getState().lastChange === 'mark',
    build: m.build.useBuild.getState().form.fragments === '0',
  };
  return Object.keys(marks).filter((k) => marks[k as keyof typeof marks]);
}
const ALL_MARKED = ['selection', 'focus', 'query', 'older', 'care', 'build'];

beforeEach(() => {
  vi.resetModules();
  FakeSocket.made = [];
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('location', { search: '?token=t0k', protocol: 'http:', host: '127.0.0.1:9' });
  vi.stubGlobal('navigator', { hardwareConcurrency: 2 });
  // The page's <html> mark and this origin's storage, as theme-boot.js leaves them on a first visit.
  const stored = new Map<string, string>();
  vi.stubGlobal('document', { documentElement: { dataset: {} as Record<string, string> } });
  vi.stubGlobal('localStorage', { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the theme', () => {
  it("a page with no choice of its own takes the core's on start (browser mode on a new port)", async () => {
    const fake = fakeApi();
    vi.stubGlobal('window', { lanceIndex: fake.api });
    const m = await importStores();
    const theme = await import('@renderer/app/theme-choice');
    expect(fake.calls).not.toContain('preferences'); // importing asks nothing
    const stop = m.start.startStores();
    await vi.waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(theme.useTheme.getState().choice).toBe('dark');
    expect(localStorage.getItem('lance-index-studio.theme')).toBe('dark');
    stop();
  });

  it('a page with its own choice keeps it and does not ask', async () => {
    const fake = fakeApi();
    vi.stubGlobal('window', { lanceIndex: fake.api });
    localStorage.setItem('lance-index-studio.theme', 'system');
    const m = await importStores();
    const stop = m.start.startStores();
    await m.progress.loadBuilds(); // a call made after start: the preferences question would be before it
    expect(fake.calls).not.toContain('preferences');
    expect(document.documentElement.dataset.theme).toBeUndefined();
    stop();
  });
});

describe('the renderer stores', () => {
  it('subscribe to nothing and open no connection when imported', async () => {
    const fake = fakeApi();
    vi.stubGlobal('window', { lanceIndex: fake.api });
    const m = await importStores();
    expect(fake.subscriptions()).toBe(0);
    expect(FakeSocket.made).toHaveLength(0);
    // Used before connecting: a clear error, not a silent socket.
    await expect(m.bridge.api.listBuilds({})).rejects.toThrow(/connectApi/);
    expect(() => m.bridge.api.on('buildEvent', () => {})).toThrow(/connectApi/);

    // Nothing follows the dataset either: an open resets no other store.
    const disconnect = m.bridge.connectApi();
    markAll(m);
    expect(await m.dataset.openDataset(target)).toBe(true);
    expect(stillMarked(m)).toEqual(ALL_MARKED);
    disconnect();
  });

  it('subscribe on start and leave no listener after stop', async () => {
    const fake = fakeApi();
    vi.stubGlobal('window', { lanceIndex: fake.api });
    const m = await importStores();

    const stop = m.start.startStores();
    expect(fake.listening()).toEqual({ buildEvent: 1, buildState: 1, engineSetup: 1, menuCommand: 1 });
    // Started: an open resets every store that follows it, events reach the progress store, and
    // a build that succeeded on the open dataset re-reads it (commands' onBuildFinished).
    markAll(m);
    expect(await m.dataset.openDataset(target)).toBe(true);
    expect(stillMarked(m)).toEqual([]);
    await m.progress.runBuild({ target, column: 'id', indexType: 'BTREE', workers: 1 });
    const reads = fake.calls.filter((c) => c === 'describeDataset').length;
    fake.emit('buildEvent', result('j1'));
    expect(m.progress.useProgress.getState().jobs.j1?.status).toBe('succeeded');
    expect(fake.calls.filter((c) => c === 'describeDataset').length).toBe(reads + 1);

    stop();
    expect(fake.listening()).toEqual({});
    await expect(m.bridge.api.listBuilds({})).rejects.toThrow(/connectApi/);
    stop(); // a second stop is harmless

    // Stopped: with the connection (and only the progress store) back, no other store reacts.
    const disconnect = m.bridge.connectApi();
    const unfollow = m.progress.startProgressStore();
    markAll(m);
    expect(await m.dataset.openDataset(target)).toBe(true);
    expect(stillMarked(m)).toEqual(ALL_MARKED);
    const before = fake.calls.filter((c) => c === 'describeDataset').length;
    fake.emit('buildEvent', result('j1'));
    expect(fake.calls.filter((c) => c === 'describeDataset').length).toBe(before);
    unfollow();
    disconnect();
    expect(fake.listening()).toEqual({});
  });

  it('in browser mode open the WebSocket on start and close it, unheard, on stop', async () => {
    vi.stubGlobal('window', {});
    const m = await importStores();
    expect(FakeSocket.made).toHaveLength(0);

    const stop = m.start.startStores();
    expect(FakeSocket.made).toHaveLength(1);
    const socket = FakeSocket.made[0]!;
    expect(socket.url).toBe('ws://127.0.0.1:9/api?token=t0k');
    expect(m.connection.useConnection.getState().connection).toBe('connecting');
    socket.readyState = FakeSocket.OPEN;
    socket.fire('open');
    expect(m.connection.useConnection.getState().connection).toBe('open');

    stop();
    expect(socket.closed).toBe(true);
    // The socket's own close arrives later: nobody is listening any more, so nothing turns "lost".
    socket.fire('close', { code: 1000, reason: '' });
    expect(m.connection.useConnection.getState().connection).toBe('open');
    await expect(m.bridge.api.listBuilds({})).rejects.toThrow(/connectApi/);
  });
});
