/**
 * Progress that means one thing (issue 10): one number per build, the same in the top bar and the
 * run strip, that never goes back (not on a new stage, not on a cancel); balance bars whose fill
 * is the batch's progress (queued ones only outlined, a failed one not drawn full); how many
 * batches run at once when more were asked for; each batch's wait apart from its run, its speed,
 * and its worker's CPU and memory while it runs; a cancel in one calm line.
 */
import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { concurrencyInWords } from '@shared/balance-words';
import { copyDataset } from '../helpers/temp';
import { pageErrors } from './support/browser';
import { buildAndWait, fillBuildForm, openDatasetWindow, tab } from './support/build-form';
import { describe as describeDataset, makeSample } from './support/dataset';
import { useWindowOnSample } from './support/window-fixture';

const w = useWindowOnSample({ name: 'reviews.lance', rows: 400_000, fragments: 8, openDataset: false });

async function openBuild(uri: string): Promise<Page> {
  const page = await openDatasetWindow(w, uri);
  await tab(page, /^Build/).click();
  return page;
}

/** One look at what the window shows of the run, read in one go so the numbers belong together. */
function look(page: Page) {
  return page.evaluate(() => {
    const text = (sel: string) => document.querySelector(sel)?.textContent ?? null;
    return {
      status: document.querySelector('[data-testid=phase-timeline]')?.getAttribute('data-status') ?? null,
      strip: text('[data-testid=build-progress]'),
      pill: text('.running-pill'),
      queuedFills: [...document.querySelectorAll('[data-testid=balance-row][data-state=queued] .balance-fill')].map((e) => (e as HTMLElement).style.width),
      resources: [...document.querySelectorAll('[data-testid=batch-resources]')].map((e) => e.textContent ?? ''),
      timeLeft: text('[data-testid=time-left]'),
      speeds: [...document.querySelectorAll('[data-testid=batch-row][data-state=running] [data-testid=batch-speed]')].map((e) => e.textContent ?? ''),
    };
  });
}
type Look = Awaited<ReturnType<typeof look>>;

/** Looks at the run again and again (a bounded poll) until it has ended; every look is kept. */
async function watchRun(page: Page, timeout = 120_000): Promise<Look[]> {
  const looks: Look[] = [];
  await expect
    .poll(
      async () => {
        const l = await look(page);
        looks.push(l);
        return l.status;
      },
      { timeout, interval: 50 },
    )
    .not.toBe('running');
  return looks;
}
const percent = (s: string | null) => Number(/(\d+)%/.exec(s ?? '')?.[1] ?? NaN);

describe('a build with more workers than CPUs', () => {
  it('says how many run at a time; one progress number that only goes up; bars fill with their batch; waits, speeds, CPU and memory per batch', async () => {
    const cpus = availableParallelism();
    const workers = cpus + 2;
    const uri = await copyDataset(w.uri, w.dir, 'busy');
    const page = await openBuild(uri);
    await fillBuildForm(page, { type: 'FTS', column: 'review', workers });
    const said = concurrencyInWords(workers, cpus, `${cpus} CPU${cpus === 1 ? '' : 's'}`)!;
    expect(await page.getByTestId('concurrency-note').textContent()).toBe(said); // before the build, from the plan
    // More batches than workers: the bars are batches, never "w3" on a machine with 2 workers.
    const names = Array.from({ length: workers }, (_, i) => `batch ${i}`);
    expect(await page.locator('[data-testid=balance-row] .balance-name').allTextContents()).toEqual(names);
    expect(await page.getByRole('figure', { name: `Balance across ${workers} batches` }).count()).toBe(1);

    await page.getByTestId('build-button').click();
    await page.getByTestId('phase-timeline').waitFor();
    const looks = await watchRun(page);
    expect(await page.getByTestId('build-status').textContent()).toBe('succeeded');
    expect(await page.getByTestId('concurrency-note').textContent()).toBe(said); // the engine's own words
    // Each bar says which worker ran its batch, the same one the batch table names, one of the `cpus`.
    expect(await page.locator('[data-testid=balance-row] .balance-name').allTextContents()).toEqual(names);
    const ranOn = (await page.locator('[data-testid=balance-row] .balance-label').allTextContents()).map((l) => / · on (w\d+)$/.exec(l)?.[1]);
    const workerCells = await page.locator('[data-testid=batch-row] td:nth-child(2)').allTextContents();
    expect(ranOn).toEqual(workerCells);
    expect(new Set(ranOn).size).toBeLessThanOrEqual(cpus);
    expect(ranOn.every((name) => /^w\d+$/.test(name ?? ''))).toBe(true);

    const running = looks.filter((l) => l.status === 'running' && l.strip !== null);
    const numbers = running.map((l) => percent(l.strip));
    expect(numbers.length).toBeGreaterThan(5);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    // The top bar shows the same number as the strip, whenever both are on screen.
    for (const l of running.filter((x) => x.pill)) expect(percent(l.pill)).toBe(percent(l.strip));
    // Queued bars are outlines: no fill that could read as progress.
    expect(running.some((l) => l.queuedFills.length > 0)).toBe(true);
    expect(running.flatMap((l) => l.queuedFills).every((width) => width === '0%')).toBe(true);
    // While a batch runs: its worker process's CPU and memory, its speed, and the time left.
    expect(running.flatMap((l) => l.resources).some((r) => /^\d+% · [\d.]+ (MiB|GiB)$/.test(r))).toBe(true);
    expect(running.flatMap((l) => l.speeds).some((s) => /^[\d.]+K?$/.test(s))).toBe(true);
    expect(running.some((l) => /^about [\d.]+ (ms|s|min) left to build$/.test(l.timeLeft ?? ''))).toBe(true);

    // The batches past the first `cpus` waited for a worker; every batch has its run time and speed.
    const waited = await page.getByTestId('batch-waited').allTextContents();
    expect(waited.slice(cpus).every((t) => /^[\d.]+ (ms|s)$/.test(t) && t !== '0 ms')).toBe(true);
    expect((await page.getByTestId('batch-ran').allTextContents()).every((t) => /^[\d.]+ (ms|s)$/.test(t))).toBe(true);
    expect(
      await page.locator('[data-testid=balance-row][data-state=done] .balance-fill').evaluateAll((els) => els.map((e) => (e as HTMLElement).style.width)),
    ).toEqual(Array.from({ length: workers }, () => '100%'));
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('cancel', () => {
  it('one calm line, no warning about leftovers, and the progress number stays where it got to', async () => {
    const uri = await copyDataset(w.uri, w.dir, 'cancel');
    const version = (await describeDataset(uri)).version;
    const page = await openBuild(uri);
    await fillBuildForm(page, { type: 'FTS', column: 'review', workers: 1 });
    await page.getByTestId('build-button').click();
    await expect.poll(async () => percent((await look(page)).strip), { timeout: 60_000 }).toBeGreaterThan(30);
    const before = percent((await look(page)).strip);
    await page.getByTestId('cancel-button').click();
    // A build past a few seconds asks first.
    const question = page.getByTestId('cancel-question');
    const line = page.getByTestId('cancel-line');
    await line.or(question).waitFor();
    if (await question.isVisible()) await page.getByTestId('confirm-cancel').click();
    await line.waitFor({ timeout: 60_000 });

    expect(await line.textContent()).toBe(`Cancelled; nothing was committed. The dataset is still at version ${version}.`);
    const run = page.getByTestId('run');
    expect(await run.locator('.log-warn, .log-error, .error-text').count()).toBe(0);
    expect(percent((await look(page)).strip)).toBeGreaterThanOrEqual(before);
    expect(await page.getByTestId('batch-row').getAttribute('data-state')).toBe('cancelled');
    expect(await page.locator('[data-testid=balance-row]').getAttribute('data-state')).toBe('cancelled');
    expect((await readdir(join(uri, '_indices')).catch(() => [])).length).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('a failed build', () => {
  it('is not drawn as full red bars: a batch that failed shows how far it got', async () => {
    const uri = await copyDataset(w.uri, w.dir, 'broken');
    // One data file cut in half: its fragment can't be read, so the batch holding it fails.
    const file = join(uri, 'data', (await readdir(join(uri, 'data')))[0]!);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length >> 1));
    const page = await openBuild(uri);
    await fillBuildForm(page, { type: 'BTREE', column: 'id', workers: 2 });
    await buildAndWait(page, 'failed');
    const failed = page.locator('[data-testid=balance-row][data-state=failed]');
    expect(await failed.count()).toBe(1);
    expect(await failed.locator('.balance-fill').evaluate((e) => (e as HTMLElement).style.width)).toBe('0%');
    expect(await failed.locator('.balance-label').textContent()).toMatch(/ · failed$/);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('many workers', () => {
  it('200 bars: one label on each row, the even share labelled, the axis stays in view as the list scrolls', async () => {
    const uri = join(w.dir, 'many.lance');
    await makeSample(uri, 30_000, 300);
    const page = await openBuild(uri);
    await page.locator('input[name=workers]').fill('200');
    const chart = page.getByTestId('balance-chart');
    await expect.poll(() => chart.getAttribute('data-workers')).toBe('200');
    const labels = await page.locator('[data-testid=balance-row] .balance-label').allTextContents();
    expect(labels).toHaveLength(200);
    expect(labels.every((l) => /^[\d.]+K? rows · \d+ frags? · [\d.]+% of the rows$/.test(l))).toBe(true);
    expect(await page.getByTestId('even-share-label').textContent()).toMatch(/^even share [\d.]+K? rows$/);

    const scroller = page.locator('.balance-scroll');
    const axisOffset = () => scroller.evaluate((el) => el.querySelector('.balance-axis')!.getBoundingClientRect().top - el.getBoundingClientRect().top);
    expect(await scroller.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    expect(await axisOffset()).toBe(0);
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    expect(await axisOffset()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
