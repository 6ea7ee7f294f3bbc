/**
 * What each module costs in a built file, for the size targets of issue 15. Build with source maps
 * first (`TWEESTAP_SOURCEMAP=1 TWEESTAP_OUT_DIR=/tmp/x npx wxt build`), then
 * `npx tsx scripts/bundle-sizes.ts /tmp/x/chrome-mv3 [file-substring…]`.
 *
 * gzip has no per-module size: a module's share is the file's gzip size split in proportion to each
 * module's own gzip size (its bytes compressed alone), so the shares add up to the file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map-js';

const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFiles(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

/** node_modules/<package>, or the source's path inside the repository. */
function moduleName(source: string): string {
  const parts = source.replace(/\\/g, '/').split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at >= 0) {
    const scoped = parts[at + 1]?.startsWith('@');
    return `npm:${parts.slice(at + 1, at + (scoped ? 3 : 2)).join('/')}`;
  }
  const src = parts.indexOf('src');
  const entry = parts.indexOf('entrypoints');
  const from = src >= 0 ? src : entry >= 0 ? entry : Math.max(0, parts.length - 2);
  return parts.slice(from).join('/');
}

function perModule(file: string): Map<string, string> {
  const code = readFileSync(file, 'utf8');
  const map = new SourceMapConsumer(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
  const lines = code.split('\n');
  const texts = new Map<string, string[]>();
  const segments: { line: number; column: number; source: string }[] = [];
  map.eachMapping((m) => {
    segments.push({ line: m.generatedLine, column: m.generatedColumn, source: m.source ?? '(none)' });
  });
  segments.sort((a, b) => a.line - b.line || a.column - b.column);
  const add = (source: string, text: string) => {
    const name = moduleName(source);
    const list = texts.get(name) ?? [];
    list.push(text);
    texts.set(name, list);
  };
  let covered = 0;
  segments.forEach((segment, i) => {
    const next = segments[i + 1];
    const line = lines[segment.line - 1] ?? '';
    const end = next && next.line === segment.line ? next.column : line.length;
    const text = line.slice(segment.column, end);
    covered += text.length;
    add(segment.source, text);
  });
  add('(unmapped)', ' '.repeat(Math.max(0, code.length - covered)));
  return new Map([...texts].map(([name, list]) => [name, list.join('')]));
}

const [dir, ...filters] = process.argv.slice(2);
if (!dir) throw new Error('usage: tsx scripts/bundle-sizes.ts <built chrome-mv3 dir> [file-substring…]');
for (const file of jsFiles(dir)) {
  const name = relative(dir, file);
  if (filters.length > 0 && !filters.some((filter) => name.includes(filter))) continue;
  let modules: Map<string, string>;
  try {
    modules = perModule(file);
  } catch {
    continue;
  }
  const raw = statSync(file).size;
  const total = gz(readFileSync(file));
  const alone = [...modules].map(([module, text]) => ({ module, raw: text.length, alone: gz(text) }));
  const sum = alone.reduce((s, m) => s + m.alone, 0);
  console.log(`\n${name}: ${(raw / 1024).toFixed(1)} KB raw, ${(total / 1024).toFixed(1)} KB gzip`);
  for (const m of alone.sort((a, b) => b.alone - a.alone)) {
    const share = (total * m.alone) / sum;
    if (share < Number(process.env.TWEESTAP_SIZE_FLOOR ?? 512)) continue;
    console.log(
      `  ${(share / 1024).toFixed(1).padStart(6)} KB gz  ${(m.raw / 1024).toFixed(1).padStart(6)} KB raw  ${m.module}`,
    );
  }
}
