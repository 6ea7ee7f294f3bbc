import { type ChromeSchema, POLICY_KEY_NAMES, POLICY_KEYS } from './keys';

/** The file Chrome reads for `storage.managed_schema`; written into the build by wxt.config.ts. */
export const MANAGED_SCHEMA_FILE = 'managed_schema.json';

/** Chrome validates each admin's value against this and drops what does not fit before we see it. */
export function managedSchema(): ChromeSchema {
  const properties: Record<string, ChromeSchema> = {};
  for (const key of POLICY_KEY_NAMES) {
    const { schema, admin } = POLICY_KEYS[key];
    properties[key] = { ...schema, description: admin.en };
  }
  return { type: 'object', properties };
}

function typeName(schema: ChromeSchema): string {
  if (schema.type === 'array') return `list of ${schema.items?.type ?? 'values'}`;
  return schema.type;
}

function limits(schema: ChromeSchema): string {
  if (schema.minimum !== undefined && schema.maximum !== undefined)
    return `${schema.minimum}–${schema.maximum}`;
  return '';
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The admin guide's reference table (Markdown), one row per key. */
export function policyDocsTable(): string {
  const rows = POLICY_KEY_NAMES.map((key) => {
    const { schema, admin } = POLICY_KEYS[key];
    return `| \`${key}\` | ${typeName(schema)} | ${limits(schema)} | ${cell(admin.en)} |`;
  });
  return ['| Key | Type | Range | What it does |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export const TABLE_START = '<!-- policy-table:start -->';
export const TABLE_END = '<!-- policy-table:end -->';

/** The document with the text between the markers replaced by `table`; throws when a marker is missing. */
export function withPolicyTable(doc: string, table: string): string {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`Expected ${TABLE_START} … ${TABLE_END} in the document.`);
  return `${doc.slice(0, start + TABLE_START.length)}\n${table}\n${doc.slice(end)}`;
}

/** Biome aligns Markdown tables when it formats the guide; the padding is not content. */
export function withoutTablePadding(doc: string): string {
  return doc
    .split('\n')
    .map((line) => (line.startsWith('|') ? line.replace(/ {2,}/g, ' ').replace(/-{3,}/g, '---') : line))
    .join('\n');
}
