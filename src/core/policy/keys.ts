/**
 * Every key an organisation can set in Tweestap's managed storage, defined once: the managed schema
 * (`keys-schema.ts`), the admin guide's table (`scripts/policy-docs.ts`), the parser (`parse.ts`) and
 * the words users see are all read from here, so a key cannot be documented one way and enforced
 * another.
 */

export interface LocalText {
  en: string;
  nl: string;
}

/** The subset of JSON Schema that Chrome's `storage.managed_schema` accepts (draft 3 style). */
export interface ChromeSchema {
  type: 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';
  title?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  items?: ChromeSchema;
  properties?: Record<string, ChromeSchema>;
}

/** `notes`: parts of a usable value that were dropped (one bad domain in a list), each worth a warning. */
export type Checked<T> = { ok: true; value: T; notes?: string[] } | { ok: false; problem: string };

export interface PolicyKeyDef<T> {
  schema: ChromeSchema;
  /** For the admin guide and chrome://policy: what setting the key does. */
  admin: LocalText;
  /** For the "Organisation policy" view: what the value in force means for the user. */
  user: (value: T) => LocalText;
  /** Never throws: a value the key cannot use is a problem, reported and ignored. */
  check: (raw: unknown) => Checked<T>;
}

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = (problem: string): Checked<never> => ({ ok: false, problem });

function describeValue(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'a list';
  return `a ${typeof raw}`;
}

function booleanKey(admin: LocalText, user: (value: boolean) => LocalText): PolicyKeyDef<boolean> {
  return {
    schema: { type: 'boolean' },
    admin,
    user,
    check: (raw) =>
      typeof raw === 'boolean' ? ok(raw) : bad(`expected true or false, got ${describeValue(raw)}`),
  };
}

function integerKey(
  [minimum, maximum]: readonly [number, number],
  admin: LocalText,
  user: (value: number) => LocalText,
): PolicyKeyDef<number> {
  return {
    schema: { type: 'integer', minimum, maximum },
    admin,
    user,
    check: (raw) => {
      if (typeof raw !== 'number' || !Number.isInteger(raw)) {
        return bad(`expected a whole number, got ${describeValue(raw)}`);
      }
      if (raw < minimum || raw > maximum)
        return bad(`expected a number from ${minimum} to ${maximum}, got ${raw}`);
      return ok(raw);
    },
  };
}

function textKey(
  maxLength: number,
  admin: LocalText,
  user: (value: string) => LocalText,
  extra?: (value: string) => string | undefined,
): PolicyKeyDef<string> {
  return {
    schema: { type: 'string' },
    admin,
    user,
    check: (raw) => {
      if (typeof raw !== 'string') return bad(`expected text, got ${describeValue(raw)}`);
      const value = raw.trim();
      if (!value) return bad('expected text, got an empty string');
      if (value.length > maxLength) return bad(`expected at most ${maxLength} characters`);
      const problem = extra?.(value);
      return problem ? bad(problem) : ok(value);
    },
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const minutes = (n: number): LocalText => ({
  en: plural(n, 'minute', 'minutes'),
  nl: plural(n, 'minuut', 'minuten'),
});
const seconds = (n: number): LocalText => ({
  en: plural(n, 'second', 'seconds'),
  nl: plural(n, 'seconde', 'seconden'),
});
const days = (n: number): LocalText => ({ en: plural(n, 'day', 'days'), nl: plural(n, 'dag', 'dagen') });

/** Host names only: a scheme, path or port is a mistake an admin should hear about. */
const DOMAIN =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const MAX_SITES = 1000;

/** A domain as the browser writes it: lower case, international names in punycode (xn--). */
function asDomain(entry: unknown): string | undefined {
  if (typeof entry !== 'string') return undefined;
  const text = entry.trim().toLowerCase().replace(/\.$/, '');
  if (!/^[^/:?#@\s]+$/.test(text)) return undefined;
  let host: string;
  try {
    host = new URL(`https://${text}`).hostname;
  } catch {
    return undefined;
  }
  return DOMAIN.test(host) ? host : undefined;
}

function checkSites(raw: unknown): Checked<string[]> {
  if (!Array.isArray(raw)) return bad(`expected a list of domains, got ${describeValue(raw)}`);
  const sites: string[] = [];
  const dropped: string[] = [];
  for (const entry of raw.slice(0, MAX_SITES)) {
    const domain = asDomain(entry);
    if (domain) {
      if (!sites.includes(domain)) sites.push(domain);
    } else {
      const shown = typeof entry === 'string' ? `"${entry.slice(0, 80)}"` : describeValue(entry);
      dropped.push(`${shown} is not a domain (write it as example.org)`);
    }
  }
  if (raw.length > MAX_SITES) dropped.push(`only the first ${MAX_SITES} entries are used`);
  // An empty list would refuse every site: a typo must not lock everyone out.
  if (sites.length === 0) return bad('the list holds no valid domain');
  return { ok: true, value: sites, notes: dropped };
}

function checkPattern(raw: unknown): Checked<string> {
  if (typeof raw !== 'string' || raw === '')
    return bad(`expected a regular expression, got ${describeValue(raw)}`);
  try {
    new RegExp(raw, 'u');
  } catch (error) {
    return bad(`not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`);
  }
  return ok(raw);
}

const MAX_HINT = 300;

function checkHint(raw: unknown): Checked<LocalText> {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  if (typeof raw === 'string') {
    const hint = text(raw);
    if (!hint) return bad('expected text, got an empty string');
    if (hint.length > MAX_HINT) return bad(`expected at most ${MAX_HINT} characters`);
    return ok({ en: hint, nl: hint });
  }
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const { en, nl } = raw as Record<string, unknown>;
    const hintEn = text(en);
    const hintNl = text(nl);
    if (!hintEn && !hintNl) return bad('expected text, or an object with "en" and "nl" texts');
    const hint = { en: (hintEn ?? hintNl)!, nl: (hintNl ?? hintEn)! };
    if (hint.en.length > MAX_HINT || hint.nl.length > MAX_HINT)
      return bad(`expected at most ${MAX_HINT} characters`);
    return ok(hint);
  }
  return bad(`expected text, or an object with "en" and "nl" texts, got ${describeValue(raw)}`);
}

function checkHttpsUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a web address';
  }
  return url.protocol === 'https:' ? undefined : 'the address must start with https://';
}

export const POLICY_KEYS = {
  requirePassword: booleanKey(
    {
      en: 'true: every vault must have a password; a vault without one shows only "Set password".',
      nl: 'true: elke kluis moet een wachtwoord hebben; een kluis zonder toont alleen "Wachtwoord instellen".',
    },
    (value) =>
      value
        ? { en: 'Your organisation requires a password.', nl: 'Je organisatie verplicht een wachtwoord.' }
        : { en: 'A password is up to you.', nl: 'Een wachtwoord is je eigen keuze.' },
  ),
  passwordMinLength: integerKey(
    [1, 128],
    {
      en: 'The shortest password allowed, in characters.',
      nl: 'Het kortste toegestane wachtwoord, in tekens.',
    },
    (n) => ({
      en: `Your organisation requires a password of at least ${plural(n, 'character', 'characters')}.`,
      nl: `Je organisatie vraagt een wachtwoord van minstens ${plural(n, 'teken', 'tekens')}.`,
    }),
  ),
  passwordPattern: {
    schema: { type: 'string' },
    admin: {
      en: 'A regular expression (JavaScript, with the u flag) every new password must match; explain it in passwordPatternHint.',
      nl: 'Een reguliere expressie (JavaScript, met de u-vlag) waar elk nieuw wachtwoord aan moet voldoen; leg hem uit in passwordPatternHint.',
    },
    user: () => ({
      en: 'Your organisation sets rules for what your password must contain.',
      nl: 'Je organisatie stelt regels aan wat je wachtwoord moet bevatten.',
    }),
    check: checkPattern,
  } satisfies PolicyKeyDef<string>,
  passwordPatternHint: {
    // Chrome's schema has no "text or object": the plain text form is the one it checks. Browsers
    // that do not check (Firefox, tests) may also pass {"en": ..., "nl": ...}.
    schema: { type: 'string' },
    admin: {
      en: 'What passwordPattern asks for, in words users understand (text, or {"en": ..., "nl": ...} where the browser allows objects).',
      nl: 'Wat passwordPattern vraagt, in woorden die gebruikers begrijpen (tekst, of {"en": ..., "nl": ...} waar de browser objecten toestaat).',
    },
    user: (hint) => ({ en: `Password rule: ${hint.en}`, nl: `Wachtwoordregel: ${hint.nl}` }),
    check: checkHint,
  } satisfies PolicyKeyDef<LocalText>,
  autoLockMinutes: integerKey(
    [1, 24 * 60],
    {
      en: 'The longest auto-lock time in minutes; users may choose shorter, never longer or "never".',
      nl: 'De langste tijd tot automatisch vergrendelen, in minuten; gebruikers mogen korter kiezen, nooit langer of "nooit".',
    },
    (n) => ({
      en: `Tweestap locks after at most ${minutes(n).en} without use.`,
      nl: `Tweestap vergrendelt na hooguit ${minutes(n).nl} zonder gebruik.`,
    }),
  ),
  lockOnScreenLock: booleanKey(
    {
      en: 'true: Tweestap always locks when the computer locks; users cannot turn it off.',
      nl: 'true: Tweestap vergrendelt altijd als de computer vergrendelt; gebruikers kunnen dit niet uitzetten.',
    },
    (value) =>
      value
        ? {
            en: 'Tweestap locks when your computer locks.',
            nl: 'Tweestap vergrendelt als je computer vergrendelt.',
          }
        : {
            en: 'Locking with the computer is up to you.',
            nl: 'Vergrendelen met de computer is je eigen keuze.',
          },
  ),
  clipboardClearSeconds: integerKey(
    [1, 600],
    {
      en: 'The longest time in seconds a copied code stays on the clipboard; users may choose shorter, never longer or "never".',
      nl: 'De langste tijd in seconden dat een gekopieerde code op het klembord blijft; gebruikers mogen korter kiezen, nooit langer of "nooit".',
    },
    (n) => ({
      en: `Copied codes are cleared from the clipboard after at most ${seconds(n).en}.`,
      nl: `Gekopieerde codes worden na hooguit ${seconds(n).nl} van het klembord gewist.`,
    }),
  ),
  disableExport: booleanKey(
    {
      en: 'true: no secret leaves Tweestap: no setup key or transfer QR, no backup, no otpauth list.',
      nl: 'true: geen geheim verlaat Tweestap: geen instelsleutel of overzet-QR, geen back-up, geen otpauth-lijst.',
    },
    (value) =>
      value
        ? {
            en: 'Your organisation does not allow taking accounts out of Tweestap.',
            nl: 'Je organisatie staat niet toe dat je accounts uit Tweestap haalt.',
          }
        : { en: 'You may take accounts out of Tweestap.', nl: 'Je mag accounts uit Tweestap halen.' },
  ),
  disablePlainExport: booleanKey(
    {
      en: 'true: only password-protected backups; no unencrypted file or otpauth list.',
      nl: 'true: alleen back-ups met een wachtwoord; geen onversleuteld bestand of otpauth-lijst.',
    },
    (value) =>
      value
        ? {
            en: 'Backups must be protected with a password.',
            nl: 'Back-ups moeten met een wachtwoord beveiligd zijn.',
          }
        : {
            en: 'Backups without a password are allowed.',
            nl: 'Back-ups zonder wachtwoord zijn toegestaan.',
          },
  ),
  disableImport: booleanKey(
    {
      en: 'true: no import from backups or other authenticator apps.',
      nl: 'true: geen import uit back-ups of andere authenticator-apps.',
    },
    (value) =>
      value
        ? {
            en: 'Your organisation does not allow importing accounts.',
            nl: 'Je organisatie staat het importeren van accounts niet toe.',
          }
        : { en: 'You may import accounts.', nl: 'Je mag accounts importeren.' },
  ),
  disableManualEntry: booleanKey(
    {
      en: 'true: accounts can only be added by scanning a QR code, not by typing a setup key.',
      nl: 'true: accounts kunnen alleen worden toegevoegd door een QR-code te scannen, niet door een instelsleutel te typen.',
    },
    (value) =>
      value
        ? {
            en: 'Add accounts by scanning their QR code; typing a setup key is turned off.',
            nl: 'Voeg accounts toe door hun QR-code te scannen; een instelsleutel typen staat uit.',
          }
        : { en: 'You may type setup keys.', nl: 'Je mag instelsleutels typen.' },
  ),
  allowedSites: {
    schema: { type: 'array', items: { type: 'string' } },
    admin: {
      en: 'List of domains (example.org, also covers its subdomains); accounts can be scanned, added and filled only for these.',
      nl: 'Lijst met domeinen (voorbeeld.nl, telt ook voor subdomeinen); accounts kunnen alleen hiervoor worden gescand, toegevoegd en ingevuld.',
    },
    user: (sites) => ({
      en: `You can only use Tweestap for these sites: ${sites.join(', ')}.`,
      nl: `Je kunt Tweestap alleen voor deze sites gebruiken: ${sites.join(', ')}.`,
    }),
    check: checkSites,
  } satisfies PolicyKeyDef<string[]>,
  autoSubmit: booleanKey(
    {
      en: 'true or false: forces submitting the login form after filling a code on or off.',
      nl: 'true of false: zet het versturen van het inlogformulier na het invullen van een code verplicht aan of uit.',
    },
    (value) =>
      value
        ? {
            en: 'The login form is sent for you after the code is filled in.',
            nl: 'Het inlogformulier wordt voor je verstuurd nadat de code is ingevuld.',
          }
        : {
            en: 'You send the login form yourself after the code is filled in.',
            nl: 'Je verstuurt het inlogformulier zelf nadat de code is ingevuld.',
          },
  ),
  disableSync: booleanKey(
    {
      en: 'true: accounts are never synced between devices.',
      nl: 'true: accounts worden nooit tussen apparaten gesynchroniseerd.',
    },
    (value) =>
      value
        ? {
            en: 'Your organisation does not allow syncing accounts.',
            nl: 'Je organisatie staat synchroniseren van accounts niet toe.',
          }
        : { en: 'You may sync accounts.', nl: 'Je mag accounts synchroniseren.' },
  ),
  allowPasskeyUnlock: booleanKey(
    {
      en: 'false: Windows Hello, Touch ID and security keys cannot unlock Tweestap; the password always can. Default true.',
      nl: 'false: Windows Hello, Touch ID en beveiligingssleutels kunnen Tweestap niet ontgrendelen; het wachtwoord altijd. Standaard true.',
    },
    (value) =>
      value
        ? {
            en: 'You may unlock with Windows Hello or a security key.',
            nl: 'Je mag ontgrendelen met Windows Hello of een beveiligingssleutel.',
          }
        : {
            en: 'Your organisation does not allow unlocking with Windows Hello or a security key.',
            nl: 'Je organisatie staat ontgrendelen met Windows Hello of een beveiligingssleutel niet toe.',
          },
  ),
  requireUserVerification: booleanKey(
    {
      en: 'false: a security key without a PIN or fingerprint may unlock (a touch is enough). Default true: the PIN or fingerprint is always asked.',
      nl: 'false: een beveiligingssleutel zonder pincode of vingerafdruk mag ontgrendelen (aanraken is genoeg). Standaard true: de pincode of vingerafdruk wordt altijd gevraagd.',
    },
    (value) =>
      value
        ? {
            en: 'Unlocking with a security key always asks for its PIN or fingerprint.',
            nl: 'Ontgrendelen met een beveiligingssleutel vraagt altijd om de pincode of vingerafdruk.',
          }
        : {
            en: 'A touch of the security key is enough to unlock.',
            nl: 'Aanraken van de beveiligingssleutel is genoeg om te ontgrendelen.',
          },
  ),
  helpUrl: textKey(
    2000,
    {
      en: "The organisation's help page (https only), shown in the popup's help and beside every error.",
      nl: 'De hulppagina van de organisatie (alleen https), te zien in de hulp van de pop-up en bij elke foutmelding.',
    },
    (url) => ({ en: `Help from your organisation: ${url}`, nl: `Hulp van je organisatie: ${url}` }),
    checkHttpsUrl,
  ),
  supportContact: textKey(
    200,
    {
      en: "The organisation's help desk (a phone number, e-mail address or name), shown beside helpUrl.",
      nl: 'De helpdesk van de organisatie (telefoonnummer, e-mailadres of naam), te zien naast helpUrl.',
    },
    (contact) => ({ en: `Questions? Contact ${contact}.`, nl: `Vragen? Neem contact op met ${contact}.` }),
  ),
  backupReminderDays: integerKey(
    [1, 365],
    {
      en: 'Days after the last backup before Tweestap reminds the user to save a new one.',
      nl: 'Aantal dagen na de laatste back-up waarna Tweestap de gebruiker eraan herinnert een nieuwe te maken.',
    },
    (n) => ({
      en: `You are reminded to save a backup ${days(n).en} after the last one.`,
      nl: `Je krijgt ${days(n).nl} na de laatste back-up een herinnering om een nieuwe te maken.`,
    }),
  ),
} as const;

export type PolicyKey = keyof typeof POLICY_KEYS;

export const POLICY_KEY_NAMES = Object.keys(POLICY_KEYS) as PolicyKey[];

/** The policy in force: only the keys the organisation set with a usable value. */
export type Policy = {
  -readonly [K in PolicyKey]?: (typeof POLICY_KEYS)[K] extends PolicyKeyDef<infer T> ? T : never;
};
