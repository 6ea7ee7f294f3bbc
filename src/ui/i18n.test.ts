import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../core/errors';

const ROOT = resolve(import.meta.dirname, '../..');
const LOCALES = ['en', 'nl'] as const;

/** Words that are the same in every language: the product name. Keep this list tiny. */
const ALLOWED_LITERALS = new Set(['Tweestap']);
/** Attributes a user reads or hears. */
const TEXT_ATTRIBUTES = new Set([
  'aria-label',
  'title',
  'placeholder',
  'alt',
  'aria-description',
  'aria-valuetext',
]);

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

const messages = Object.fromEntries(
  LOCALES.map((lang) => [
    lang,
    JSON.parse(readFileSync(join(ROOT, 'public/_locales', lang, 'messages.json'), 'utf8')) as Messages,
  ]),
) as Record<(typeof LOCALES)[number], Messages>;

function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, pattern));
    else if (pattern.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

const uiSources = [
  ...filesUnder(join(ROOT, 'src/ui'), /\.tsx?$/),
  ...filesUnder(join(ROOT, 'entrypoints/popup'), /\.tsx?$/),
];
const components = [
  ...filesUnder(join(ROOT, 'src/ui'), /\.tsx$/),
  ...filesUnder(join(ROOT, 'entrypoints'), /\.tsx$/),
];

/** $1…$9 and named $placeholders$, which must match between languages or a value goes missing. */
function placeholdersOf(entry: Messages[string]): string[] {
  const found = new Set(entry.message.match(/\$(\d|[A-Za-z_@][\w@]*\$)/g) ?? []);
  for (const name of Object.keys(entry.placeholders ?? {})) found.add(`$${name.toLowerCase()}$`);
  return [...found].map((p) => p.toLowerCase()).sort();
}

/** JSX text and user-facing string attributes that were typed in instead of coming from t(). */
function hardCodedStrings(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) =>
    `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const flag = (node: ts.Node, text: string) => {
    const trimmed = text.trim();
    if (/\p{L}/u.test(trimmed) && !ALLOWED_LITERALS.has(trimmed))
      found.push(`${where(node)} ${JSON.stringify(trimmed)}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) flag(node, node.text);
    if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText(source)) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init)) flag(init, init.text);
      // aria-label={'Close'} and aria-label={`Close`} are just as hard-coded.
      if (ts.isJsxExpression(init) && init.expression) {
        const expression = init.expression;
        if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
          flag(expression, expression.text);
        }
      }
    }
    // {'Some text'} as a child is a text node in disguise.
    if (ts.isJsxExpression(node) && node.expression && ts.isJsxElement(node.parent)) {
      const expression = node.expression;
      if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression))
        flag(expression, expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('locales', () => {
  it('have the same keys in English and Dutch', () => {
    const en = Object.keys(messages.en).sort();
    const nl = Object.keys(messages.nl).sort();
    expect(
      en.filter((key) => !nl.includes(key)),
      'missing in nl',
    ).toEqual([]);
    expect(
      nl.filter((key) => !en.includes(key)),
      'missing in en',
    ).toEqual([]);
  });

  it('keep the extension name and description', () => {
    for (const lang of LOCALES) {
      expect(messages[lang].extName?.message).toBe('Tweestap');
      expect(messages[lang].extDescription?.message).toBeTruthy();
    }
  });

  it('have a non-empty message for every key', () => {
    for (const lang of LOCALES) {
      const empty = Object.entries(messages[lang]).filter(([, entry]) => !entry.message?.trim());
      expect(
        empty.map(([key]) => `${lang}:${key}`),
        'empty messages',
      ).toEqual([]);
    }
  });

  it('use the same placeholders in both languages', () => {
    const differ = Object.keys(messages.en).filter((key) => {
      const nl = messages.nl[key];
      return nl && placeholdersOf(messages.en[key]!).join() !== placeholdersOf(nl).join();
    });
    expect(differ).toEqual([]);
  });

  it('use only key names the browser accepts', () => {
    const bad = Object.keys(messages.en).filter(
      (key) => !/^[A-Za-z0-9_@]+$/.test(key) || key.startsWith('@@'),
    );
    expect(bad).toEqual([]);
  });

  it('count with the plural pattern, never "(s)": each singular has its main form', () => {
    for (const lang of LOCALES) {
      const keys = Object.keys(messages[lang]);
      expect(keys.filter((key) => /\(s\)|\(en\)/.test(messages[lang][key]!.message))).toEqual([]);
      // Quotes are typographic, like the rest of the text: “…” in English, ‘…’ in Dutch.
      expect(keys.filter((key) => messages[lang][key]!.message.includes('"'))).toEqual([]);
      expect(keys.filter((key) => key.endsWith('_one') && !(key.slice(0, -4) in messages[lang]))).toEqual([]);
    }
  });

  it('have a message for every error code', () => {
    const missing = ERROR_CODES.map((code) => `error_${code.replaceAll('-', '_')}`).filter(
      (key) => !(key in messages.en) || !(key in messages.nl),
    );
    expect(missing).toEqual([]);
  });
});

describe('popup source', () => {
  it('finds the files it checks', () => {
    expect(uiSources.length).toBeGreaterThan(5);
    expect(components.some((file) => file.endsWith('App.tsx'))).toBe(true);
  });

  it('only asks t() for keys that exist in English', () => {
    const unknown: string[] = [];
    for (const file of uiSources) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*(['"`])([^'"`$]+)\1/g)) {
        if (!(match[2]! in messages.en)) unknown.push(`${relative(ROOT, file)}: ${match[2]}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('has no hard-coded user-visible text in components', () => {
    expect(components.flatMap((file) => hardCodedStrings(file))).toEqual([]);
  });

  it('would notice hard-coded text (self-check)', () => {
    const probe = [
      'const a = <p title="Hello">Click me</p>;',
      "const b = <b aria-label={'Close'} placeholder={`Type`}>{'Now'}</b>;",
      'const c = <span alt="—">{t("ok")} Tweestap<i>123 · 4</i></span>;',
    ].join('\n');
    expect(hardCodedStrings(join(ROOT, 'probe.tsx'), probe).map((hit) => hit.replace(/^\S+ /, ''))).toEqual([
      '"Hello"',
      '"Click me"',
      '"Close"',
      '"Type"',
      '"Now"',
    ]);
  });
});
