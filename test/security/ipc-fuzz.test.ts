/**
 * Issue 8, item 6: bad input over Electron's IPC. Electron's binary isn't needed: the real
 * handler layer (electron/main/ipc.ts: the sender check, then dispatchCall) is registered on a
 * stand-in ipcMain and called the way Electron would call it, in front of a real StudioService
 * and engine. A seeded fuzzer sends thousands of calls with what a renderer can put in one
 * (structured clone: wrong types, huge strings, deep nesting, Maps, BigInts, ...). Calls from
 * anything but the app's own page are refused before any handler runs; the app's calls are
 * answered (an output of the contract or an error with a message); afterwards a normal call
 * still works and the heap is where it was. The seed is printed; FUZZ_SEED=<seed> replays a run.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { API_METHODS, apiChannel } from '@shared/contract/bridge.js';
import { StudioService } from '@core/studio-service.js';
import { setupIpc } from '../../electron/main/ipc.js';
import { makeSample } from '../e2e/support/dataset.js';
import { fileSnapshot } from '../helpers/snapshot.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { fuzzSeed, seededRandom, type Rng } from './support/seeded-random.js';
import { randomCall, replyProblem, type Sandbox } from './support/fuzz-calls.js';
import { mapLimited } from './support/lanes.js';

type Handler = (event: unknown, input: unknown) => Promise<unknown>;

// What the handlers see of Electron: ipcMain's table, and the one window with its page's frame.
const electron = vi.hoisted(() => {
  const handlers = new Map<string, Handler>();
  const mainFrame = { url: 'app://studio/index.html' };
  const window = { webContents: { mainFrame, isDestroyed: () => false, send: () => undefined } };
  return { handlers, window, mainFrame, windowOpen: true };
});
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, h: Handler) => electron.handlers.set(channel, h),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
  app: { isPackaged: false, getAppPath: () => process.cwd() },
  protocol: {},
}));
vi.mock('../../electron/main/window.js', () => ({ mainWindow: () => (electron.windowOpen ? electron.window : undefined) }));

const SEED = fuzzSeed();
const CALLS = 3000;
const FOREIGN = 500;
const IN_FLIGHT = 16;
const REFUSED = { id: 0, ok: false, error: { kind: 'input', message: 'Refused: the call did not come from the app window.' } };

let dir: string;
let sandbox: Sandbox;
let service: StudioService;
let handled = 0;

beforeAll(async () => {
  console.log(`ipc fuzz: seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  delete process.env.ELECTRON_RENDERER_URL; // no dev server: only the packaged page is the app's
  dir = await makeTempDir('ipc-fuzz');
  sandbox = { dir: join(dir, 'sandbox'), dataset: join(dir, 'data', 'reviews.lance'), rayAddress: 'http://127.0.0.1:1' };
  await mkdir(sandbox.dir);
  await makeSample(sandbox.dataset, 3000, 4);
  service = new StudioService({ stateDir: join(dir, 'state'), lancedbCheck: false });
  // Counts what reaches the service, so a refused call is seen not to.
  const counted = new Proxy(service.handlers, {
    get: (target, method) => {
      const h = Reflect.get(target, method) as (i: unknown) => Promise<unknown>;
      return (input: unknown) => (handled++, h(input));
    },
  });
  setupIpc({ handlers: counted, on: (l: Parameters<StudioService['on']>[0]) => service.on(l) } as unknown as StudioService);
});
afterAll(async () => {
  await service?.close();
  await removeDir(dir);
});

const appEvent = () => ({ sender: electron.window.webContents, senderFrame: electron.mainFrame });

/** A caller that is not the app's page in its window: each is one way of not being it. */
function foreignEvent(r: Rng): { what: string; event: unknown; windowOpen: boolean } {
  const other = { mainFrame: { url: electron.mainFrame.url } };
  const frame = (url: string) => ({ url });
  const ways = [
    { what: 'another window', event: { sender: other, senderFrame: other.mainFrame } },
    { what: 'an iframe of our page', event: { sender: electron.window.webContents, senderFrame: frame(electron.mainFrame.url) } },
    { what: 'no frame (a destroyed one)', event: { sender: electron.window.webContents, senderFrame: null } },
    { what: 'our frame, another sender', event: { sender: other, senderFrame: electron.mainFrame } },
    {
      what: 'a page the window was navigated to',
      event: { sender: electron.window.webContents, senderFrame: electron.mainFrame },
      url: r.pick([
        'https://evil.example/',
        'file:///etc/passwd',
        'app://studio/other.html',
        'app://studio/index.html.evil',
        'app://studioevil/index.html',
        'about:blank',
        'http://127.0.0.1:5173/',
      ]),
    },
    { what: 'the window closed', event: appEvent(), windowOpen: false },
  ] as const;
  const way = r.pick(ways);
  if ('url' in way) electron.mainFrame.url = way.url;
  return { what: way.what, event: way.event, windowOpen: 'windowOpen' in way ? way.windowOpen : true };
}

/** Live heap after a full collection: precise enough to see a leak, unlike RSS. */
const gc = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();
const heapMiB = () => (gc(), process.memoryUsage().heapUsed / 2 ** 20);

describe('the IPC handlers under fuzzing', () => {
  it('registers one handler per API method', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(API_METHODS.map(apiChannel).sort());
  });

  it("refuse every call that isn't from the app's page, before any handler runs", async () => {
    const r = seededRandom(SEED);
    const problems: string[] = [];
    for (let i = 0; i < FOREIGN; i++) {
      const { method, input } = randomCall(r, sandbox, { cloneOnly: true, methods: API_METHODS });
      const { what, event, windowOpen } = foreignEvent(r);
      electron.windowOpen = windowOpen;
      const before = handled;
      const reply = await electron.handlers.get(apiChannel(method as (typeof API_METHODS)[number]))!(event, input);
      electron.windowOpen = true;
      electron.mainFrame.url = 'app://studio/index.html';
      if (JSON.stringify(reply) !== JSON.stringify(REFUSED) || handled !== before)
        problems.push(`seed ${SEED}, call ${i} (${method} from ${what}): ${JSON.stringify(reply).slice(0, 200)}`);
    }
    expect(problems).toEqual([]);
  });

  it("answer every call from the app's page, stay up, keep the heap and leave the dataset alone", async () => {
    const r = seededRandom(SEED + 1);
    const datasetBefore = await fileSnapshot(sandbox.dataset);
    const calls = Array.from({ length: CALLS }, () => randomCall(r, sandbox, { cloneOnly: true, methods: API_METHODS }));
    const problems: string[] = [];
    const run = (from: number, to: number) =>
      mapLimited(calls.slice(from, to), IN_FLIGHT, async ({ method, input }, k) => {
        const i = from + k;
        const reply = (await electron.handlers.get(apiChannel(method as (typeof API_METHODS)[number]))!(appEvent(), input)) as { id?: unknown };
        const problem = reply?.id === 0 ? replyProblem(method, reply) : `no id 0: ${JSON.stringify(reply)?.slice(0, 200)}`;
        if (problem) problems.push(`seed ${SEED + 1}, call ${i} (${method}): ${problem}`);
      });

    await run(0, 300); // warm-up: code paths, engine workers
    const heapBefore = heapMiB();
    await run(300, CALLS);
    const heapAfter = heapMiB();
    console.log(
      `ipc fuzz: ${CALLS} calls; heap after a full GC ${heapBefore.toFixed(1)} -> ${heapAfter.toFixed(1)} MiB, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
    );
    expect(problems).toEqual([]);

    const normal = (await electron.handlers.get(apiChannel('describeDataset'))!(appEvent(), { target: { uri: sandbox.dataset } })) as {
      ok: boolean;
      output?: { fragments: unknown[] };
    };
    expect(normal.ok).toBe(true);
    expect(normal.output?.fragments).toHaveLength(4);
    // The service keeps each started build's state (the History view): a few KiB each, so
    // generous, yet far below what keeping the calls' inputs (strings up to 200,000 chars) takes.
    expect(heapAfter - heapBefore).toBeLessThan(32);
    expect(await fileSnapshot(sandbox.dataset)).toEqual(datasetBefore);
  });
});
