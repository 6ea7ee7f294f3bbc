/**
 * Ente Auth's plain text export: one otpauth:// link per line, each ending in Ente's own
 * `codeDisplay` parameter (URL-encoded JSON: pinned, trashed, tags, note…). The links are read by
 * our own parser after a pass for Ente's quirks: the `codeDisplay` value is taken off first (its
 * note may hold anything), a '#' is data, not a fragment (old versions left it unescaped in names),
 * and old versions glued "period" onto the issuer. Lower-case algorithm names and a stray period on
 * an HOTP link need nothing: the parser reads those already. The note becomes the account's notes;
 * codes in Ente's trash come along too, since the file cannot tell a mistake from a wish.
 * Learnt from Ente's own `codeFromURIString` and Aegis's `EnteAuthImporter` (read, not copied).
 */
import { parseOtpauthUri } from '../../otp/uri.ts';
import type { Importer } from '../importer.ts';
import { EntryCollector, isRecord } from './shared/account-entry.ts';

const APP = 'Ente Auth';
const LINK = /^\s*otpauth:\/\//i;
/** Ente's marker, on a line that is a link: what tells this file from any other list of links. */
const ENTE_LINE = /^[ \t]*otpauth:\/\/[^\r\n]*[?&]codeDisplay=/im;
const CODE_DISPLAY = /[?&]codeDisplay=/;

interface EnteLink {
  uri: string;
  note: string;
}

/** The link as our parser reads it, and the note from its `codeDisplay`. */
function unquirk(line: string): EnteLink {
  let uri = line;
  let note = '';
  const at = CODE_DISPLAY.exec(line);
  if (at) {
    const start = at.index + at[0].length;
    // Encoded, the value ends at the next '&'; raw JSON (never seen, but cheap to allow) runs to the end.
    const end = line[start] === '{' ? line.length : nextAmpersand(line, start);
    note = noteOf(line.slice(start, end));
    const rest = line.slice(end);
    uri = line.slice(0, at.index) + (line[at.index] === '?' && rest ? `?${rest.slice(1)}` : rest);
  }
  return { uri: uri.replaceAll('#', '%23'), note };
}

function nextAmpersand(line: string, from: number): number {
  const i = line.indexOf('&', from);
  return i < 0 ? line.length : i;
}

function noteOf(value: string): string {
  try {
    const display: unknown = JSON.parse(value.startsWith('{') ? value : decodeURIComponent(value));
    return isRecord(display) && typeof display.note === 'string' ? display.note.trim() : '';
  } catch {
    // Ente itself ignores a codeDisplay it cannot read; so do we, it only holds display settings.
    return '';
  }
}

export const enteImporter: Importer = {
  id: 'ente',
  app: APP,

  detect: (input) => (ENTE_LINE.test(input.text) ? 'plain' : false),

  async read(input) {
    const collector = new EntryCollector();
    const lines = input.text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
    lines.forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const before = collector.skipped.length;
      if (!LINK.test(line)) {
        collector.skip('', 'bad-line', 'This line is not an otpauth:// link.');
      } else {
        const { uri, note } = unquirk(line);
        collector.add(nameOf(uri), () => {
          const account = parseOtpauthUri(uri);
          // Ente's own reader drops this suffix, left by a bug in its old versions.
          const issuer = account.issuer.endsWith('period') ? account.issuer.slice(0, -6) : account.issuer;
          return { ...account, issuer, ...(note ? { notes: note } : {}) };
        });
      }
      const skipped = collector.skipped[before];
      if (skipped) {
        skipped.line = i + 1;
        // A link too broken to read (a bad escape, unreadable text) is a bad line of the list.
        if (skipped.reason === 'bad-entry') skipped.reason = 'bad-line';
      }
    });
    return collector.result(APP);
  },
};

/** What the preview shows for a link that cannot be read: its label, as far as it decodes. */
function nameOf(uri: string): string {
  const path = uri.replace(/^\s*otpauth:\/\/[^/?#]*\/?/i, '').split('?')[0] ?? '';
  try {
    return decodeURIComponent(path).slice(0, 100);
  } catch {
    return path.slice(0, 100);
  }
}
