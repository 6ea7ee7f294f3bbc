import { browser } from 'wxt/browser';
import { ok, type Result } from '../core/errors';
import type { SiteQuestion } from '../messaging/protocol';
import { accounts } from './vault-service';

const KEY = 'scan.siteQuestions';

async function pending(): Promise<SiteQuestion[]> {
  const stored = (await browser.storage.session.get(KEY))[KEY];
  return Array.isArray(stored) ? (stored as SiteQuestion[]) : [];
}

/** "Select the area" tells its outcome in the page, where nothing can be asked: the popup asks later. */
export async function rememberSiteQuestion(question: SiteQuestion): Promise<void> {
  const rest = (await pending()).filter((entry) => entry.id !== question.id);
  await browser.storage.session.set({ [KEY]: [...rest, question] });
}

/**
 * The oldest question whose account is still there without a site, asked once: a user who skips it
 * is not asked again. Locked, nothing is asked and nothing forgotten.
 */
export async function takeSiteQuestion(): Promise<Result<SiteQuestion | null>> {
  const questions = await pending();
  if (questions.length === 0) return ok(null);
  const stored = await accounts.accounts();
  if (!stored) return ok(null);
  const open = questions.filter((q) => stored.some((a) => a.id === q.id && a.sites.length === 0));
  const [next, ...rest] = open;
  await browser.storage.session.set({ [KEY]: rest });
  return ok(next ?? null);
}
