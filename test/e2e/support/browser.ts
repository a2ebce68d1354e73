/** Debian's Chromium driven by playwright-core (never a downloaded browser), with flags that work here. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (bash run.sh test does this).`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export async function openPage(browser: Browser, url: string, opts: { dark?: boolean; width?: number; height?: number } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1360, height: opts.height ?? 860 },
    colorScheme: opts.dark ? 'dark' : 'light',
  });
  const page = await context.newPage();
  // Any error in the page fails the test that made it, with the message.
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  errorsOf.set(page, errors);
  await page.goto(url);
  return page;
}

const errorsOf = new WeakMap<Page, string[]>();

/** Uncaught errors the page threw since it opened; a passing test expects none. */
export function pageErrors(page: Page): string[] {
  return errorsOf.get(page) ?? [];
}
