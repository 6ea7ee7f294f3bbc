// `npx tsx scripts/policy-docs.ts`: rewrites the policy table in docs/admin.md from src/core/policy/keys.ts.
// keys-schema.test.ts fails when the two drift apart and names this command.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { policyDocsTable, withoutTablePadding, withPolicyTable } from '../src/core/policy/keys-schema.ts';

const file = resolve(import.meta.dirname, '../docs/admin.md');
const before = readFileSync(file, 'utf8');
const after = withPolicyTable(before, policyDocsTable());
if (withoutTablePadding(after) === withoutTablePadding(before)) {
  console.log('docs/admin.md: the policy table is up to date.');
} else {
  writeFileSync(file, after);
  // Biome aligns Markdown tables; formatting here keeps `npm run lint` clean after a rewrite.
  spawnSync('npx', ['biome', 'format', '--write', file], { stdio: 'inherit' });
  console.log('docs/admin.md: policy table rewritten.');
}
