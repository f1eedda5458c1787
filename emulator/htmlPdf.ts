// HTML → PDF as Blob.getAs('application/pdf') does it: headless Chromium prints the page, synchronously.
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** Where Debian's chromium lives (override with CHROMIUM_PATH). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export class ChromiumMissingError extends Error {}

/**
 * Prints an HTML document to PDF with headless Chromium: the page's own @page rules decide size,
 * orientation and margins; no browser header or footer is added; nothing is fetched from the
 * network. Throws a clear error when Chromium is not installed.
 */
export function htmlToPdf(html: string): Buffer {
  // The same page always prints the same: keep the last few (printing takes a second or two).
  const key = createHash('sha256').update(html).digest('hex');
  const cached = CACHE.get(key);
  if (cached) return Buffer.from(cached);
  const pdf = printWithChromium(html);
  CACHE.set(key, pdf);
  if (CACHE.size > CACHE_SIZE)
    CACHE.delete(CACHE.keys().next().value as string);
  return Buffer.from(pdf);
}

const CACHE = new Map<string, Buffer>();
const CACHE_SIZE = 16;

function printWithChromium(html: string): Buffer {
  const exe = chromiumPath();
  if (!existsSync(exe)) {
    throw new ChromiumMissingError(
      `Cần Chromium để tạo PDF từ HTML trong trình giả lập (không thấy ${exe}). ` +
        'Cài bằng: sudo apt-get install -y chromium (hoặc đặt biến CHROMIUM_PATH).',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'emu-pdf-'));
  try {
    const input = join(dir, 'page.html');
    const output = join(dir, 'page.pdf');
    writeFileSync(input, html, 'utf8');
    execFileSync(
      exe,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-extensions',
        '--no-first-run',
        '--no-default-browser-check',
        '--mute-audio',
        '--no-pdf-header-footer',
        '--run-all-compositor-stages-before-draw',
        `--user-data-dir=${join(dir, 'profile')}`,
        `--print-to-pdf=${output}`,
        `file://${input}`,
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 120000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    if (!existsSync(output)) throw new Error('Chromium did not write the PDF');
    return readFileSync(output);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}
