import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ChromeSchema, POLICY_KEY_NAMES, POLICY_KEYS } from './keys';
import {
  managedSchema,
  policyDocsTable,
  TABLE_END,
  TABLE_START,
  withoutTablePadding,
  withPolicyTable,
} from './keys-schema';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The attributes Chrome's policy schema parser knows; anything else makes Chrome refuse to load us. */
const CHROME_ATTRIBUTES = new Set([
  'type',
  'title',
  'description',
  'properties',
  'items',
  'minimum',
  'maximum',
]);

function attributesIn(schema: ChromeSchema): string[] {
  return [
    ...Object.keys(schema),
    ...Object.values(schema.properties ?? {}).flatMap(attributesIn),
    ...(schema.items ? attributesIn(schema.items) : []),
  ];
}

describe('managed schema', () => {
  it('declares every key, at the top level of an object, without additionalProperties', () => {
    const schema = managedSchema();
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties ?? {})).toEqual(POLICY_KEY_NAMES);
    expect(schema).not.toHaveProperty('additionalProperties');
  });

  it("uses only attributes Chrome's schema format accepts", () => {
    for (const attribute of attributesIn(managedSchema())) expect(CHROME_ATTRIBUTES).toContain(attribute);
  });

  it('describes every key for admins and for users, in English and Dutch', () => {
    const sample: Record<string, unknown> = {
      passwordPatternHint: { en: 'x', nl: 'x' },
      allowedSites: ['school.nl'],
      passwordPattern: '\\d',
      helpUrl: 'https://help.school.nl',
      supportContact: 'ICT desk',
    };
    for (const key of POLICY_KEY_NAMES) {
      const def = POLICY_KEYS[key];
      const schema: ChromeSchema = def.schema;
      const value = sample[key] ?? (schema.type === 'boolean' ? true : (schema.minimum ?? 1));
      const checked = def.check(value);
      expect(checked.ok, key).toBe(true);
      if (!checked.ok) continue;
      const user = (def.user as (v: unknown) => { en: string; nl: string })(checked.value);
      for (const text of [def.admin.en, def.admin.nl, user.en, user.nl])
        expect(text.trim(), key).not.toBe('');
      expect(def.admin.nl, key).not.toBe(def.admin.en);
    }
  });

  it('says the number in the user text', () => {
    expect(POLICY_KEYS.passwordMinLength.user(12).en).toBe(
      'Your organisation requires a password of at least 12 characters.',
    );
    expect(POLICY_KEYS.autoLockMinutes.user(5)).toEqual({
      en: 'Tweestap locks after at most 5 minutes without use.',
      nl: 'Tweestap vergrendelt na hooguit 5 minuten zonder gebruik.',
    });
    expect(POLICY_KEYS.autoLockMinutes.user(1).en).toContain('1 minute ');
  });
});

describe('admin guide', () => {
  it('has the policy table generated from keys.ts', () => {
    const doc = readFileSync(path.join(repoRoot, 'docs/admin.md'), 'utf8');
    const message = 'docs/admin.md is out of date: run `npx tsx scripts/policy-docs.ts`';
    expect(withoutTablePadding(doc), message).toBe(
      withoutTablePadding(withPolicyTable(doc, policyDocsTable())),
    );
    for (const key of POLICY_KEY_NAMES) expect(withoutTablePadding(doc), message).toContain(`| \`${key}\` |`);
  });

  it('replaces only the text between the markers, and refuses a document without them', () => {
    const doc = `intro\n${TABLE_START}\nold\n${TABLE_END}\nrest\n`;
    expect(withPolicyTable(doc, 'new')).toBe(`intro\n${TABLE_START}\nnew\n${TABLE_END}\nrest\n`);
    expect(() => withPolicyTable('no markers', 'new')).toThrow(/policy-table:start/);
  });
});
