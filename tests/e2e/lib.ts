// Shared setup for browser tests: serve the built site with vite preview and drive Debian's
// Chromium through playwright-core (a browser download never works on these machines).
import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview, type PreviewServer } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

export interface Site {
  url: string;
  server: PreviewServer;
  close(): Promise<void>;
}

export async function serveSite(): Promise<Site> {
  const server = await preview({ build: { outDir: 'dist' }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
  const addr = server.httpServer.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}/`, server, close: () => server.close() };
}

export async function launch(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'kubeplay-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The visible terminal's text (xterm's screen-reader rows). */
export async function screen(page: Page): Promise<string> {
  return page.locator('.pane:not([hidden]) .xterm-rows').innerText();
}

/** Waits until the visible terminal's text satisfies `pred`; returns it. */
export async function waitForScreen(page: Page, pred: (text: string) => boolean, what: string, ms = 20000): Promise<string> {
  const end = Date.now() + ms;
  let last = '';
  while (Date.now() < end) {
    last = await screen(page).catch(() => '');
    if (pred(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; screen:\n${last}`);
}

/** Types a line into the visible terminal and presses Enter. */
export async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('.pane:not([hidden]) .xterm').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Clears the visible terminal (Ctrl-L), so the next wait sees only new output. */
export async function clearScreen(page: Page): Promise<void> {
  await page.locator('.pane:not([hidden]) .xterm').click();
  await page.keyboard.press('Control+L');
}

/** Records console errors, page errors and requests leaving the origin. */
export function watchPage(page: Page, origin: string): { errors: string[]; foreign: string[] } {
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => !r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:') && foreign.push(r.url()));
  return { errors, foreign };
}
