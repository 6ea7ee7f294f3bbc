/**
 * Readers for the example policy files in docs/policies: Windows .reg files and Apple property
 * lists. Only what those examples use; each reader throws on anything it does not understand, so a
 * typo in an example fails its test instead of being skipped.
 */
import type { ChromeSchema } from '../../src/core/policy/keys';

export type RegValue = { kind: 'dword'; value: number } | { kind: 'string'; value: string };

/** Registry key path in lower case (the registry ignores case) → the path as written, and its values. */
export type RegKeys = Map<string, { path: string; values: Map<string, RegValue> }>;

const unescapeReg = (text: string) => text.replace(/\\(.)/g, '$1');

export function readRegFile(text: string): RegKeys {
  const lines = text.split('\r\n');
  if (lines[0] !== 'Windows Registry Editor Version 5.00') throw new Error('not a regedit 5 file');
  const keys: RegKeys = new Map();
  let current: Map<string, RegValue> | undefined;
  for (const [index, line] of lines.entries()) {
    if (index === 0 || line === '' || line.startsWith(';')) continue;
    const section = /^\[([^\]]+)\]$/.exec(line);
    if (section?.[1]) {
      const path = section[1];
      const key = keys.get(path.toLowerCase()) ?? { path, values: new Map() };
      keys.set(path.toLowerCase(), key);
      current = key.values;
      continue;
    }
    const value = /^"((?:[^"\\]|\\.)+)"=(?:dword:([0-9a-f]{8})|"((?:[^"\\]|\\.)*)")$/i.exec(line);
    if (!value?.[1] || !current) throw new Error(`line ${index + 1} is not a registry value: ${line}`);
    const name = unescapeReg(value[1]);
    current.set(
      name,
      value[2] !== undefined
        ? { kind: 'dword', value: Number.parseInt(value[2], 16) | 0 }
        : { kind: 'string', value: unescapeReg(value[3] ?? '') },
    );
  }
  return keys;
}

/** Chromium's registry → JSON rules (components/policy/core/common/registry_dict.cc), for one value. */
function convertRegValue(value: RegValue, schema: ChromeSchema | undefined): unknown {
  if (!schema) return value.value;
  const asInt =
    value.kind === 'dword' ? value.value : /^-?\d+$/.test(value.value) ? Number(value.value) : NaN;
  switch (schema.type) {
    case 'boolean':
      return Number.isNaN(asInt) ? undefined : asInt !== 0;
    case 'integer':
      return Number.isNaN(asInt) ? undefined : asInt;
    case 'string':
      return value.kind === 'string' ? value.value : undefined;
    default: {
      // Lists and dictionaries may also be written as one JSON text.
      if (value.kind !== 'string') return undefined;
      try {
        const parsed: unknown = JSON.parse(value.value);
        return (schema.type === 'array') === Array.isArray(parsed) ? parsed : undefined;
      } catch {
        return undefined;
      }
    }
  }
}

/** Chromium sorts a key's values by name, ignoring case, so "10" comes before "2". */
const byRegistryName = ([a]: [string, RegValue], [b]: [string, RegValue]) =>
  a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;

/** A list: the numbered values of one key (other names are ignored, as Chromium does). */
export function registryList(values: Map<string, RegValue>, items?: ChromeSchema): unknown[] {
  return [...values]
    .filter(([name]) => /^-?\d+$/.test(name))
    .sort(byRegistryName)
    .map(([, value]) => convertRegValue(value, items))
    .filter((value) => value !== undefined);
}

/** The object Chromium builds from the key at `path` (and its subkeys) for an object schema. */
export function registryObject(keys: RegKeys, path: string, schema: ChromeSchema): Record<string, unknown> {
  const base = path.toLowerCase();
  const result: Record<string, unknown> = {};
  for (const [name, value] of [...(keys.get(base)?.values ?? [])].sort(byRegistryName)) {
    const converted = convertRegValue(value, schema.properties?.[name]);
    if (converted !== undefined) result[name] = converted;
  }
  for (const [keyPath, { path: written, values }] of keys) {
    if (!keyPath.startsWith(`${base}\\`) || keyPath.slice(base.length + 1).includes('\\')) continue;
    // As in Chromium, the name must match the schema's exactly; anything else stays an unknown key.
    const name = written.slice(base.length + 1);
    const property = schema.properties?.[name];
    result[name] =
      property?.type === 'array'
        ? registryList(values, property.items)
        : Object.fromEntries([...values].map(([key, value]) => [key, value.value]));
  }
  return result;
}

type PlistToken =
  | { type: 'key' | 'string' | 'integer'; text: string }
  | { type: 'true' | 'false' | 'dict' | 'array' | '/dict' | '/array' | 'dict/' | 'array/' };

const PLIST_TOKEN =
  /\s+|<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<plist[^>]*>|<\/plist>|<(key|string|integer)>([^<]*)<\/\1>|<(true|false)\/>|<(\/?)(dict|array)(\/?)>/gy;

const decodeXml = (text: string) =>
  text.replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => {
    const map: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    return map[name] ?? '';
  });

function plistTokens(text: string): PlistToken[] {
  const tokens: PlistToken[] = [];
  PLIST_TOKEN.lastIndex = 0;
  while (PLIST_TOKEN.lastIndex < text.length) {
    const at = PLIST_TOKEN.lastIndex;
    const match = PLIST_TOKEN.exec(text);
    if (!match) throw new Error(`unexpected property list text at ${at}: ${text.slice(at, at + 40)}`);
    const [, leaf, leafText, flag, close, container, empty] = match;
    if (leaf) tokens.push({ type: leaf as 'key', text: decodeXml(leafText ?? '') });
    else if (flag) tokens.push({ type: flag as 'true' });
    else if (container)
      tokens.push({ type: (close ? `/${container}` : empty ? `${container}/` : container) as 'dict' });
  }
  return tokens;
}

/** An XML property list (what a .plist or .mobileconfig holds) as plain values. */
export function readPlist(text: string): unknown {
  const tokens = plistTokens(text);
  let at = 0;
  const next = (): PlistToken => {
    const token = tokens[at++];
    if (!token) throw new Error('the property list ends too soon');
    return token;
  };
  const value = (token: PlistToken): unknown => {
    switch (token.type) {
      case 'string':
        return token.text;
      case 'integer':
        if (!/^-?\d+$/.test(token.text)) throw new Error(`not an integer: ${token.text}`);
        return Number(token.text);
      case 'true':
      case 'false':
        return token.type === 'true';
      case 'dict/':
        return {};
      case 'array/':
        return [];
      case 'array': {
        const items: unknown[] = [];
        for (let item = next(); item.type !== '/array'; item = next()) items.push(value(item));
        return items;
      }
      case 'dict': {
        const entries: Record<string, unknown> = {};
        for (let key = next(); key.type !== '/dict'; key = next()) {
          if (key.type !== 'key') throw new Error(`expected a <key> in a <dict>, got <${key.type}>`);
          if (Object.hasOwn(entries, key.text)) throw new Error(`key ${key.text} appears twice`);
          entries[key.text] = value(next());
        }
        return entries;
      }
      default:
        throw new Error(`unexpected <${token.type}>`);
    }
  };
  const root = value(next());
  if (at !== tokens.length) throw new Error('text after the property list');
  return root;
}
