#!/usr/bin/env node
// Builds the Firefox MV3 build and lints it with web-ext (the addons-linter that addons.mozilla.org
// runs). Errors fail. Warnings fail too unless ACCEPTED says why we live with them: a new warning (an
// API Firefox lacks, a key its minimum version ignores) is what this step exists to catch, and
// web-ext's own exit code ignores warnings.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const sourceDir = join(process.env.TWEESTAP_OUT_DIR ?? '.output', 'firefox-mv3');

const ACCEPTED = [
  {
    code: 'UNSUPPORTED_API',
    text: /^offscreen\.(createDocument|closeDocument) is not supported/,
    why: "Chrome's clipboard path: src/background/clipboard.ts takes it only where chrome.offscreen exists.",
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    text: /innerHTML/,
    why: "Preact's support for dangerouslySetInnerHTML, which biome.json forbids our code to use.",
  },
  {
    code: 'KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION',
    text: /data_collection_permissions/,
    why: 'Firefox for Android is not a target (docs/firefox.md); desktop 140 reads the key.',
  },
];

const build = spawnSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const lint = spawnSync(
  'npx',
  ['web-ext', 'lint', '--source-dir', sourceDir, '--output', 'json', '--no-config-discovery', '--no-input'],
  { encoding: 'utf8', env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } },
);
let report;
try {
  report = JSON.parse(lint.stdout);
} catch {
  process.stdout.write(lint.stdout ?? '');
  process.stderr.write(lint.stderr ?? '');
  console.error('web-ext lint gave no JSON report.');
  process.exit(1);
}

const accepted = (m) =>
  ACCEPTED.find((a) => a.code === m.code && (a.text.test(m.message) || a.text.test(String(m.description))));
let failing = 0;
for (const [kind, messages] of [
  ['error', report.errors],
  ['warning', report.warnings],
  ['notice', report.notices],
]) {
  for (const m of messages) {
    const reason = kind === 'warning' ? accepted(m) : undefined;
    const fails = kind === 'error' || (kind === 'warning' && !reason);
    if (fails) failing++;
    const where = m.file ? ` (${m.file}${m.line ? `:${m.line}` : ''})` : '';
    console.log(`${fails ? 'FAIL' : 'ok  '} ${kind} ${m.code}${where}: ${m.message}`);
    if (reason) console.log(`       accepted: ${reason.why}`);
    else if (fails) console.log(`       ${String(m.description).replace(/\s+/g, ' ')}`);
  }
}
const { errors, warnings, notices } = report.summary;
console.log(
  `web-ext lint ${sourceDir}: ${errors} errors, ${warnings} warnings, ${notices} notices; ${failing} failing.`,
);
process.exit(failing === 0 && lint.status === 0 ? 0 : 1);
