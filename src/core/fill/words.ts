/**
 * Word lists for recognising two-step code fields. Everything is matched against `normalise`d text:
 * lower case, accents stripped, camelCase and punctuation turned into single spaces, so one pattern
 * covers `verificationCode`, `verification-code` and "Verification code".
 */

export function normalise(text: string): string {
  return (
    text
      // Split camelCase first, while case is still there: totpPin → totp Pin, twoFACode → two FA Code.
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  );
}

const rx = (parts: readonly string[]) => new RegExp(parts.join('|'));

/** Words that on their own say "this is where the second-step code goes". */
const STRONG = rx([
  // English, including the abbreviations sites put in name/id attributes.
  String.raw`\b(hotp|otc|2sv|twofa)\b`,
  // Also as a prefix, because ids glue them on: mfacode, otpinput, totpfield.
  String.raw`\b(t?otp|mfa|2fa|tfa)`,
  String.raw`\b(two|2) ?(factor|step)`,
  String.raw`\bmulti ?factor`,
  String.raw`\bone ?time`,
  String.raw`\b(verification|verify|security|authentication|authenticator|auth|login|sign ?in|sms|access) ?code`,
  String.raw`\bauthenticator\b`,
  String.raw`\bpasscode\b`,
  // Dutch: compounds are written as one word, so match them as substrings.
  '(verificatie|beveiligings|authenticatie|inlog|controle|bevestigings|toegangs|sms) ?code',
  String.raw`\beenmalig`,
  'twee ?staps',
  // German.
  '(bestatigungs|sicherheits|einmal|authentifizierungs|verifizierungs|anmelde) ?code',
  String.raw`\beinmal ?(passwort|kennwort)`,
  'zwei ?(faktor|schritt)',
  // French.
  String.raw`\bcode (de verification|de securite|a usage unique|d authentification|de confirmation|unique)\b`,
  String.raw`\bdouble authentification\b`,
  // Spanish and Italian.
  String.raw`\bcodigo de (verificacion|seguridad|autenticacion|un solo uso)\b`,
  String.raw`\bcodice (di verifica|di sicurezza|monouso|di autenticazione)\b`,
]);

/** Words that point at a code field but also appear elsewhere ("code" alone, "PIN", "token"). */
const WEAK = rx([
  // Any word ending in "code" (inlogcode, smscode); postcodes and coupons are rejected before this is asked.
  String.raw`code\b`,
  String.raw`\b(codigo|codice|token|pin|tan|verif\w*|authenticat\w*|authentifizier\w*|challenge)\b`,
]);

/** Recovery codes are a different secret; prefer the TOTP field when a page offers both. */
export const RECOVERY = rx([String.raw`\b(recovery|backup|herstel|wiederherstellung|secours|reserve)`]);

/** Kinds of field that are never the code field, whatever else they say. */
const ALWAYS_REJECT: ReadonlyArray<readonly [string, RegExp]> = [
  [
    'card',
    rx([
      String.raw`\b(cc|cvc2?|cvv2?|cvn|csc|iban|bic)\b`,
      '(credit|debit) ?card|creditcard',
      String.raw`\b(card|kaart|karten?|carte|tarjeta) ?(number|nummer|no|num|numero|code|security|verification)`,
      String.raw`\bnumero de (carte|tarjeta)\b`,
      String.raw`\b(expiry|expiration|vervaldatum|ablaufdatum)\b`,
    ]),
  ],
  [
    'postal',
    rx([
      String.raw`post ?code|postal|\bzip|\bplz\b|postleitzahl|postnummer`,
      String.raw`\bcode postal\b|\bcodigo postal\b|\bcodice postale\b`,
    ]),
  ],
  [
    'coupon',
    rx([
      'coupon|voucher|promo|discount|korting|gift ?(card|code)|cadeau|waardebon|actiecode',
      'gutschein|rabatt|cupon|descuento|sconto|reduction|referral|invit|uitnodig',
    ]),
  ],
  ['dial-code', rx(['(country|land|dial|area|calling) ?code|netnummer|vorwahl|indicatif|prefix'])],
  ['captcha', rx(['captcha'])],
  [
    'search',
    rx([
      String.raw`\b(search\w*|zoek\w*|suche|suchen|suchbegriff|recherche|rechercher|buscar|busqueda|cerca)\b`,
    ]),
  ],
];

/**
 * Passwords are rejected unless the field also says "one-time password": that is an OTP, and a
 * field that really is a password is caught by its type or autocomplete anyway.
 */
const PASSWORD = rx([
  String.raw`password|passwort|wachtwoord|kennwort|mot de passe|contrasena|\bpass?wd\b|\bpwd\b`,
]);
const ONE_TIME = rx([String.raw`one ?time|eenmalig|einmal|usage unique|solo uso|monouso|\b[th]?otp\b`]);

/**
 * Identity fields: rejected, except when the same text also talks about a code, because code fields
 * are often labelled "Enter the code we sent to your phone" or "… to your e-mail".
 */
const IDENTITY: ReadonlyArray<readonly [string, RegExp]> = [
  [
    'phone',
    rx([
      String.raw`phone|telefo|\btel\b|mobile|mobiel|\bgsm\b|\bhandy\b|portable|msisdn|celular|cellulare|\bcell\b`,
    ]),
  ],
  ['email', rx([String.raw`\be ?mail|courriel|correo`])],
  [
    'username',
    rx([String.raw`user ?name|\buser\b|gebruiker|benutzer|identifiant|nom d utilisateur|usuario|utente`]),
  ],
];

export type Strength = 0 | 1 | 2;

/** 2 = strong code word, 1 = weak, 0 = none. */
export function codeStrength(text: string): Strength {
  if (STRONG.test(text)) return 2;
  return WEAK.test(text) ? 1 : 0;
}

/** Says "one-time password" (or OTP) somewhere, so password words on the same field are not a password. */
export const saysOneTime = (text: string) => ONE_TIME.test(text);

/** The kind of data this text is about when that kind is never a code (cards, postcodes, coupons…). */
export function otherDataWord(text: string): string | undefined {
  for (const [kind, pattern] of ALWAYS_REJECT) if (pattern.test(text)) return kind;
  return undefined;
}

/** Why this (normalised) text of a field rules the field out, if it does. */
export function rejectWord(text: string, oneTime: boolean): string | undefined {
  const other = otherDataWord(text);
  if (other) return other;
  if (PASSWORD.test(text) && !oneTime) return 'password';
  if (codeStrength(text) > 0) return undefined;
  for (const [kind, pattern] of IDENTITY) if (pattern.test(text)) return kind;
  return undefined;
}

/** Autofill tokens that name some other kind of data (HTML spec "autofill field names"). */
const OTHER_AUTOFILL =
  /^(cc-|tel|bday|address-|transaction-)|^(name|honorific-prefix|given-name|additional-name|family-name|honorific-suffix|nickname|username|new-password|current-password|organization-title|organization|street-address|country|country-name|postal-code|language|sex|url|photo|email|impp)$/;

/** 'otp' for one-time-code, the token for another autofill field name, undefined otherwise. */
export function autofillKind(autocomplete: string): string | undefined {
  const tokens = autocomplete.toLowerCase().split(/\s+/);
  if (tokens.includes('one-time-code')) return 'otp';
  return tokens.find((token) => OTHER_AUTOFILL.test(token));
}
