import { ok } from '../core/errors';
import { generateCode } from '../core/otp';
import { matchSite } from '../core/sites';
import type { Router } from '../messaging/router';
import { unlockedAccounts } from './vault-service';

/**
 * A script in a page may learn only the codes of accounts linked to its own frame's origin, which the
 * browser sets on the sender; it never sees a secret. Exact-host links come before domain links.
 */
export function registerCodeHandlers(router: Router): void {
  router.on('code.forFrame', 'content-script', async (_request, sender) => {
    const accounts = (await unlockedAccounts()) ?? [];
    const now = Date.now();
    const ranked = accounts
      .map((account) => ({ account, match: matchSite(account.sites, sender.origin) }))
      .filter((entry) => entry.match !== undefined)
      .sort((a, b) => (a.match === b.match ? 0 : a.match === 'exact' ? -1 : 1));
    return ok({
      codes: ranked.map(({ account }) => ({
        issuer: account.issuer,
        label: account.label,
        code: generateCode(account, now),
      })),
    });
  });
}
