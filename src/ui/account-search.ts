import type { StoredAccount } from '../core/account';

/** Lower case without accents, so "e" finds "É" and "Zoë" is found by "zoe". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function searchText(account: Pick<StoredAccount, 'issuer' | 'label' | 'sites'>): string {
  return fold([account.issuer, account.label, ...account.sites].join('\n'));
}

/** Every word of the query must appear somewhere, in any order: "school jan" finds Jan at School. */
export function matchesQuery(haystack: string, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return words.every((word) => haystack.includes(word));
}
