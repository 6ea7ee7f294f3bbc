#!/usr/bin/env node
// Runs every suite (type check, lint, unit, build, Firefox lint, end-to-end) and ends with ONE plain line,
// "N passed, N failed", because CI reads only that form. Each suite runs even if an earlier one fails,
// so a single run shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = [];
mkdirSync('test-results', { recursive: true });

function run(command, args, env = {}) {
  const started = Date.now();
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return { ok: child.status === 0, seconds: (Date.now() - started) / 1000 };
}

function check(name, command, args) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const { ok, seconds } = run(command, args);
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, seconds });
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A suite that prints its own "N passed, N failed" line (the demo site's self-check). */
function countedByLine(name, command, args) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const child = spawnSync(command, args, { encoding: 'utf8', env: process.env });
  process.stdout.write(child.stdout ?? '');
  process.stderr.write(child.stderr ?? '');
  const match = /(\d+) passed, (\d+) failed\s*$/.exec(child.stdout ?? '');
  const passed = match ? Number(match[1]) : 0;
  let failed = match ? Number(match[2]) : 0;
  if (child.status !== 0 && failed === 0) failed = 1;
  results.push({ name, passed, failed, skipped: 0, seconds: (Date.now() - started) / 1000 });
}

function suite(name, command, args, reportPath, count) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  rmSync(reportPath, { force: true });
  const { ok, seconds } = run(command, args);
  const report = readJson(reportPath);
  const counts = report ? count(report) : { passed: 0, failed: 0, skipped: 0 };
  // A runner that crashed before reporting, or exited non-zero with no failing test, still fails the run.
  if (!ok && counts.failed === 0) counts.failed = 1;
  results.push({ name, ...counts, seconds });
}

check('typecheck', 'npx', ['tsc', '--noEmit']);
check('typecheck (e2e)', 'npx', ['tsc', '--noEmit', '-p', 'tests/e2e/tsconfig.json']);
check('lint', 'npx', ['biome', 'check', '.']);

suite(
  'unit',
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit-report.json'],
  'test-results/unit-report.json',
  (r) => ({
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
  }),
);

countedByLine('demo site', 'node', ['tests/fixtures/site/selfcheck.mjs']);

check('build', 'npx', ['wxt', 'build']);
// Its own output folder (firefox-mv3), so the Chrome build the E2E suite loads stays as it was.
check('lint (firefox)', 'npm', ['run', '--silent', 'lint:firefox']);

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.log(
    `\n=== e2e: Chromium was not found at ${chromium}.\n` +
      'Install it with "apt-get install -y chromium" (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
  results.push({ name: 'e2e', passed: 0, failed: 1, skipped: 0, seconds: 0 });
} else {
  suite('e2e', 'npx', ['playwright', 'test'], 'test-results/e2e-report.json', (r) => ({
    passed: r.stats.expected,
    failed: r.stats.unexpected + r.stats.flaky,
    skipped: r.stats.skipped,
  }));
}

console.log('\n=== Summary');
for (const r of results) {
  console.log(
    `${r.name.padEnd(16)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(3)} failed ${String(r.skipped).padStart(3)} skipped  ${r.seconds.toFixed(1)} s`,
  );
}
const total = (key) => results.reduce((sum, r) => sum + r[key], 0);
const skipped = total('skipped');
console.log(`${total('passed')} passed, ${total('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(total('failed') === 0 ? 0 : 1);
