// `npm run bench`: speed and size figures as one JSON report (speed goals are checked here, not in tests).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateCode } from '../src/core/otp/index.ts';
import { benchBackup } from './bench/backup.ts';
import { goalTable } from './bench/goals.ts';
import { benchImport } from './bench/import.ts';
import { benchPopup } from './bench/popup.ts';
import { benchQrDecoder } from './bench/qr.ts';
import { benchScan } from './bench/scan.ts';
import { benchSetupQr } from './bench/setup-qr.ts';
import { benchSync } from './bench/sync.ts';
import { benchVault } from './bench/vault.ts';

const root = resolve(import.meta.dirname, '..');
const out = join(root, '.output/chrome-mv3');
const only = new Set(process.argv.slice(2));
const wants = (part: string) => only.size === 0 || only.has(part);
/** `TWEESTAP_BENCH_COUNTS=10,1000` measures fewer sizes while profiling; the report uses all four. */
const popupCounts = () => (process.env.TWEESTAP_BENCH_COUNTS ?? '10,200,1000,5000').split(',').map(Number);

function run(command: string, args: string[]): void {
  const child = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

function codesPerSecond(): Record<string, number> {
  const result: Record<string, number> = {};
  for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
    const account = {
      type: 'totp' as const,
      issuer: 'Bench',
      label: 'bench',
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      algorithm,
      digits: 6,
      period: 30,
      counter: 0,
    };
    let count = 0;
    const started = performance.now();
    // Distinct times, so no cache in the core could make this look faster than it is.
    while (performance.now() - started < 500) generateCode(account, 1_700_000_000_000 + count++ * 30_000);
    result[algorithm] = Math.round(count / ((performance.now() - started) / 1000));
  }
  return result;
}

function gz(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

/**
 * Bytes of the files an entry loads: its HTML's scripts and styles and the chunks they import. `start`
 * is what loads before anything shows (static imports); `all` adds the views fetched on demand.
 */
function entrySize(html: string) {
  const page = readFileSync(join(out, html), 'utf8');
  const walk = (followDynamic: boolean) => {
    const seen = new Set<string>();
    const queue = [...page.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(join(out, file), 'utf8');
      for (const m of text.matchAll(
        /from\s*"\.{0,2}\/?((?:chunks\/)?[\w.-]+\.js)"|import\("\.{0,2}\/?((?:chunks\/)?[\w.-]+\.js)"\)/g,
      )) {
        if (!m[1] && !followDynamic) continue;
        const name = (m[1] ?? m[2])!;
        queue.push(name.startsWith('chunks/') ? name : `chunks/${name}`);
      }
    }
    const files = [...seen];
    return {
      files,
      raw: files.reduce((sum, f) => sum + statSync(join(out, f)).size, 0),
      gzip: files.reduce((sum, f) => sum + gz(join(out, f)), 0),
    };
  };
  return { start: walk(false), all: walk(true) };
}

function bundleSizes() {
  run('npx', ['wxt', 'build']);
  run('npx', ['wxt', 'zip']);
  const zips = readdirSync(join(root, '.output')).filter((f) => f.endsWith('-chrome.zip'));
  // Injected scripts are built as unlisted scripts or content-scripts/; none is registered on pages.
  const contentDir = join(out, 'content-scripts');
  const contentScripts = existsSync(contentDir)
    ? readdirSync(contentDir, { withFileTypes: true })
        .filter((f) => f.isFile())
        .map((f) => join(contentDir, f.name))
    : [];
  return {
    popup: entrySize('popup.html'),
    background: { raw: statSync(join(out, 'background.js')).size, gzip: gz(join(out, 'background.js')) },
    content: {
      raw: contentScripts.reduce((sum, f) => sum + statSync(f).size, 0),
      gzip: contentScripts.reduce((sum, f) => sum + gz(f), 0),
    },
    allJsGzip: jsFiles(out).reduce((sum, f) => sum + gz(f), 0),
    zip: zips[0] ? statSync(join(root, '.output', zips[0])).size : null,
  };
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

const report: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
if (wants('codes')) report.codesPerSecond = codesPerSecond();
if (wants('vault')) report.vault = await benchVault({ runs: 5, accounts: 1000 });
if (wants('size') || wants('popup')) report.bundle = bundleSizes();
if (wants('popup')) report.popup = await benchPopup(popupCounts());
if (wants('qr')) report.qrDecoder = await benchQrDecoder();
if (wants('backup')) {
  if (!wants('size') && !wants('popup') && !wants('scan')) run('npx', ['wxt', 'build']);
  report.backup = await benchBackup(1000);
  report.setupQr = await benchSetupQr();
}
if (wants('scan')) {
  if (!wants('size') && !wants('popup')) run('npx', ['wxt', 'build']);
  report.scan = await benchScan();
}
if (wants('import')) {
  if (!wants('size') && !wants('popup') && !wants('scan') && !wants('backup')) run('npx', ['wxt', 'build']);
  report.import = await benchImport(1000);
}
if (wants('sync')) {
  if (!['size', 'popup', 'scan', 'backup', 'import'].some(wants)) run('npx', ['wxt', 'build']);
  report.sync = await benchSync(1000);
}
console.log(JSON.stringify(report, null, 2));
console.error(goalTable(report as Parameters<typeof goalTable>[0]));
