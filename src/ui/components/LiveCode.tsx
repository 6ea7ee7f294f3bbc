import type { StoredAccount } from '../../core/account';
import { secondsRemaining, timeStep } from '../../core/otp';
import { codeAt } from '../code-at';
import { accountTime } from '../code-time';
import { groupCode, spokenCode } from '../format';
import { t } from '../i18n';
import { CountdownRing } from './CountdownRing';

/** The next code shows beside the current one this many seconds before it takes over. */
export const NEXT_CODE_SECONDS = 5;

function timing(account: StoredAccount, now: number): { remaining: number; step: number } | undefined {
  if (account.type === 'hotp') return undefined;
  try {
    return { remaining: secondsRemaining(account, now), step: timeStep(account.period, now) };
  } catch {
    return undefined;
  }
}

interface Props {
  account: StoredAccount;
  now: number;
  /** The code's element id, for the row's aria-describedby. */
  id: string;
  tabbable?: boolean;
  onNext: () => void;
}

/** A code in two groups with its countdown (and the next code near the end), or HOTP's "Next code". */
export function LiveCode({ account, now, id, tabbable = true, onNext }: Props) {
  const at = accountTime(account, now);
  const code = codeAt(account, at);
  const time = timing(account, at);
  const urgent = time !== undefined && time.remaining <= NEXT_CODE_SECONDS;
  const next = urgent ? codeAt(account, at + account.period * 1000) : undefined;
  const shown = code ? groupCode(code) : '';
  // Width in `ch` (one digit): the space between groups is about half of one.
  const width = String(shown.includes(' ') ? shown.length - 0.5 : shown.length);
  return (
    <div class="row-code">
      {code ? (
        <span
          id={id}
          class="code"
          data-testid="code"
          style={{ '--len': width }}
          // An image of text, named digit by digit: read as "1 2 3 4 5 6", not "123 thousand…".
          role="img"
          aria-roledescription={t('code_role')}
          aria-label={spokenCode(code)}
        >
          {shown}
        </span>
      ) : (
        <span class="code is-missing" title={t('code_unavailable')}>
          —
        </span>
      )}{' '}
      {account.type === 'hotp' ? (
        <button type="button" class="btn btn-small" tabIndex={tabbable ? 0 : -1} onClick={onNext}>
          {t('next_code')}
        </button>
      ) : (
        <>
          {/* Labelled, in two short lines: an unlabelled second code is read as this one's twin. */}
          <span class="next" title={next ? t('next_code_title') : undefined}>
            {next && (
              <>
                <span class="next-label">{t('next_code_label')}</span>
                <span>{groupCode(next)}</span>
              </>
            )}
          </span>
          {time && (
            <CountdownRing
              remaining={time.remaining}
              period={account.period}
              step={time.step}
              urgent={urgent}
            />
          )}
        </>
      )}
    </div>
  );
}
