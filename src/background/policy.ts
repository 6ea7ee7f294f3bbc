import { browser } from 'wxt/browser';
import { ok } from '../core/errors';
import { effectiveSettings, passwordProblem } from '../core/policy/effective';
import type { Policy } from '../core/policy/keys';
import { type PolicyWarning, parsePolicy } from '../core/policy/parse';
import type { PolicyAnswer, PolicyQuestion } from '../core/policy/questions';
import { accountSitesAllowed, pageAllowed, settingsChangeRefusal } from '../core/policy/rules';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import type { BackgroundRouter } from '../messaging/router';
import { secretWasSeen } from './seen-secrets';
import { getVault } from './vault-instance';

interface LoadedPolicy {
  policy: Policy;
  warnings: PolicyWarning[];
}

let loaded: Promise<LoadedPolicy> | undefined;
const listeners = new Set<() => void>();

async function load(): Promise<LoadedPolicy> {
  try {
    return parsePolicy(await browser.storage.managed.get());
  } catch {
    // A browser with no managed storage for us (Firefox without a policy file) has no policy.
    return { policy: {}, warnings: [] };
  }
}

/** The organisation's policy as managed storage holds it now, parsed once per change. */
export function readPolicy(): Promise<LoadedPolicy> {
  loaded ??= load();
  return loaded;
}

/** Called after the policy changed, once the new one is in force. */
export function onPolicyChanged(listener: () => void): void {
  listeners.add(listener);
}

/** Applies a changed policy at once: an admin's change reaches a running browser without a restart. */
function watchPolicy(): void {
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area !== 'managed') return;
    loaded = undefined;
    for (const listener of listeners) listener();
  });
}

/** The user's settings with the organisation's limits applied: what the worker acts on. */
export async function settingsInForce(user: Settings): Promise<Settings> {
  return effectiveSettings(user, (await readPolicy()).policy).settings;
}

/** With `requirePassword`, a vault without a password may do nothing but get one. */
export async function passwordRequired(policy?: Policy): Promise<boolean> {
  if (!(policy ?? (await readPolicy()).policy).requirePassword) return false;
  const hasPassword = await (await getVault()).hasPassword();
  // A vault that cannot say is treated as having none: the stricter reading.
  return !hasPassword.ok || !hasPassword.value;
}

/** Whether Tweestap may scan or fill on this page (`allowedSites`). */
export async function pageAllowedByPolicy(url: string | undefined): Promise<boolean> {
  return pageAllowed(url, (await readPolicy()).policy);
}

const refuse = (key: string): PolicyAnswer => ({ allowed: false, key });
const ALLOWED: PolicyAnswer = { allowed: true };

/** Questions a vault without its required password may still ask. */
const BEFORE_PASSWORD: readonly PolicyQuestion[] = ['changeSettings', 'choosePassword', 'removePassword'];

type Request = Record<string, unknown>;
type AccountLike = { secret?: string; sites?: string[] };

async function tabUrl(tabId: unknown): Promise<string | undefined> {
  if (typeof tabId !== 'number') return undefined;
  try {
    return (await browser.tabs.get(tabId)).url;
  } catch {
    return undefined;
  }
}

async function addRefusal(account: AccountLike | undefined, policy: Policy): Promise<PolicyAnswer> {
  if (!accountSitesAllowed(account?.sites, policy)) return refuse('allowedSites');
  if (policy.disableManualEntry && !(account?.secret && (await secretWasSeen(account.secret))))
    return refuse('disableManualEntry');
  return ALLOWED;
}

/**
 * The organisation's answer to each policy question, asked by the router before any guarded handler
 * runs (the slices in `src/messaging/messages/` name the question). Fill checks the frame's site
 * itself, with `pageAllowedByPolicy`, because only the fill knows which frame it is.
 */
export async function askPolicy(question: PolicyQuestion, request: unknown): Promise<PolicyAnswer> {
  const { policy } = await readPolicy();
  const asked = (request ?? {}) as Request;
  if (!BEFORE_PASSWORD.includes(question) && (await passwordRequired(policy)))
    return refuse('requirePassword');
  switch (question) {
    // Undo passes too: vault.remove vouches for what it removed. Anything else would be a way round.
    case 'addAccount':
    case 'restoreAccount':
      return addRefusal(asked.account as AccountLike | undefined, policy);
    case 'editAccount': {
      const patch = asked.patch as AccountLike | undefined;
      return accountSitesAllowed(patch?.sites, policy) ? ALLOWED : refuse('allowedSites');
    }
    case 'changeSettings': {
      const key = settingsChangeRefusal((asked.patch ?? {}) as Partial<Settings>, policy);
      return key ? refuse(key) : ALLOWED;
    }
    case 'choosePassword': {
      const problem = passwordProblem(String(asked.newPassword ?? ''), policy);
      return problem ? refuse(problem.key) : ALLOWED;
    }
    case 'removePassword':
      return policy.requirePassword ? refuse('requirePassword') : ALLOWED;
    case 'scan':
      // An image the user chose has no page: its accounts are added linked to no site.
      if (asked.dataUrl !== undefined) return ALLOWED;
      return (await pageAllowedByPolicy(await tabUrl(asked.tabId))) ? ALLOWED : refuse('allowedSites');
    case 'showSetupKey':
    case 'exportAccounts':
      return policy.disableExport ? refuse('disableExport') : ALLOWED;
    case 'exportPlain':
      if (policy.disableExport) return refuse('disableExport');
      return policy.disablePlainExport ? refuse('disablePlainExport') : ALLOWED;
    case 'importAccounts': {
      if (policy.disableImport) return refuse('disableImport');
      const accounts = Array.isArray(asked.accounts) ? (asked.accounts as AccountLike[]) : [];
      return accounts.every((account) => accountSitesAllowed(account.sites, policy))
        ? ALLOWED
        : refuse('allowedSites');
    }
    case 'authenticatorUnlock':
      return policy.allowPasskeyUnlock === false ? refuse('allowPasskeyUnlock') : ALLOWED;
    case 'sync':
      return policy.disableSync ? refuse('disableSync') : ALLOWED;
    case 'listAccounts':
    case 'fill':
      return ALLOWED;
  }
}

export function registerPolicy(router: BackgroundRouter): void {
  router.on('policy.get', async () => {
    // Read afresh: a page that heard of a change before this worker did must not get the old policy,
    // and what it asks next (status, settings) then follows the new one too.
    loaded = load();
    const { policy, warnings } = await loaded;
    // Which settings are locked, and their maximums, follow from the policy alone.
    const { locked, maximums } = effectiveSettings(DEFAULT_SETTINGS, policy);
    return ok({ policy, warnings, locked, maximums });
  });
  watchPolicy();
}
