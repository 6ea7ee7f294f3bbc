import type { StoredAccount } from '../core/account';
import { guessAccountForPage } from '../core/site-guess';
import { matchPageSite, type PageSite, type SiteMatch, siteRank } from '../core/site-match';

export interface ListItem {
  account: StoredAccount;
  /** `guess`: no site linked, but its issuer or name looks like the page's (`core/site-guess.ts`). */
  site: SiteMatch | 'guess' | undefined;
}

function pageMatch(account: StoredAccount, page: PageSite): ListItem['site'] {
  const linked = matchPageSite(account.sites, page);
  if (linked || account.sites.length > 0) return linked;
  return guessAccountForPage(account, page) ? 'guess' : undefined;
}

/** Linked exact, linked by domain, guessed, then the rest. */
const rank = (site: ListItem['site']) => (site === 'guess' ? 1.5 : siteRank(site));

/** The order the user chose: pinned first, then `order`. Moving and dragging edit this one. */
export function byChosenOrder(a: StoredAccount, b: StoredAccount): number {
  return Number(b.pinned) - Number(a.pinned) || a.order - b.order || a.createdAt - b.createdAt;
}

/** What the list shows: accounts for the page the popup was opened on first, then the chosen order. */
export function arrange(accounts: readonly StoredAccount[], page: PageSite | undefined): ListItem[] {
  const items = accounts.map((account) => ({ account, site: page && pageMatch(account, page) }));
  return items.sort((a, b) => rank(a.site) - rank(b.site) || byChosenOrder(a.account, b.account));
}

/**
 * Moves one account a step within its own group (pinned or not), since crossing into the other
 * group would not move it on screen. Returns every id in the new order, or undefined at an edge.
 */
export function moveBy(accounts: readonly StoredAccount[], id: string, delta: -1 | 1): string[] | undefined {
  const sorted = [...accounts].sort(byChosenOrder);
  const from = sorted.findIndex((account) => account.id === id);
  const moving = sorted[from];
  const neighbour = sorted[from + delta];
  if (!moving || !neighbour || neighbour.pinned !== moving.pinned) return undefined;
  sorted[from] = neighbour;
  sorted[from + delta] = moving;
  return sorted.map((account) => account.id);
}

/** Drag and drop: puts `id` just before or after `targetId`. Undefined when nothing would change. */
export function moveNextTo(
  accounts: readonly StoredAccount[],
  id: string,
  targetId: string,
  after: boolean,
): string[] | undefined {
  if (id === targetId) return undefined;
  const ids = [...accounts].sort(byChosenOrder).map((account) => account.id);
  const before = ids.join();
  const rest = ids.filter((other) => other !== id);
  const at = rest.indexOf(targetId);
  if (at < 0 || rest.length === ids.length) return undefined;
  rest.splice(after ? at + 1 : at, 0, id);
  return rest.join() === before ? undefined : rest;
}

/** Applies a new order locally so the list moves at once, before the background confirms. */
export function withOrder(accounts: readonly StoredAccount[], ids: readonly string[]): StoredAccount[] {
  const position = new Map(ids.map((id, index) => [id, index]));
  return accounts.map((account) => ({ ...account, order: position.get(account.id) ?? account.order }));
}
