import type { StoredAccount } from '../../core/account';
import { secondsRemaining, timeStep } from '../../core/otp';
import { codeAt } from '../codes';
import { groupCode, spokenCode } from '../format';
import { t } from '../i18n';
import { FillIcon, PinIcon } from '../icons';
import type { ListItem } from '../order';
import { Avatar } from './Avatar';
import { CountdownRing } from './CountdownRing';
import { type MenuAction, RowMenu } from './RowMenu';

export type RowAction = MenuAction | 'fill' | 'next';

/** The next code shows beside the current one this many seconds before it takes over. */
export const NEXT_CODE_SECONDS = 5;

interface Props {
  item: ListItem;
  index: number;
  total: number;
  now: number;
  tabbable: boolean;
  highlighted: boolean;
  draggable: boolean;
  dropHint: 'before' | 'after' | undefined;
  canMove: (id: string, delta: -1 | 1) => boolean;
  onAction: (action: RowAction, account: StoredAccount) => void;
}

/** What a row is called, for the row itself and for messages about it. */
export function accountName(account: Pick<StoredAccount, 'issuer' | 'label'>): string {
  return account.issuer || account.label;
}

function timing(account: StoredAccount, now: number): { remaining: number; step: number } | undefined {
  if (account.type === 'hotp') return undefined;
  try {
    return { remaining: secondsRemaining(account, now), step: timeStep(account.period, now) };
  } catch {
    return undefined;
  }
}

export function AccountRow(props: Props) {
  const { item, index, now, tabbable } = props;
  const { account, site } = item;
  const name = accountName(account);
  const secondary = account.issuer ? account.label : '';
  const code = codeAt(account, now);
  const time = timing(account, now);
  const urgent = time !== undefined && time.remaining <= NEXT_CODE_SECONDS;
  const next = urgent ? codeAt(account, now + account.period * 1000) : undefined;
  const codeId = `code-${index}`;
  const shown = code ? groupCode(code) : '';
  // Width in `ch` (one digit): the space between groups is about half of one.
  const width = String(shown.includes(' ') ? shown.length - 0.5 : shown.length);
  const rowName = [name, secondary, site ? t('this_site') : '', account.pinned ? t('pinned') : '']
    .filter(Boolean)
    .join(', ');

  let classes = 'row';
  if (props.highlighted) classes += ' is-new';
  if (props.dropHint) classes += ` drop-${props.dropHint}`;

  return (
    <li
      class={classes}
      data-index={index}
      data-id={account.id}
      tabIndex={tabbable ? 0 : -1}
      aria-label={rowName}
      aria-describedby={code ? codeId : undefined}
      aria-setsize={props.total}
      aria-posinset={index + 1}
      draggable={props.draggable}
    >
      <Avatar name={name} />
      <div class="row-names">
        <span class="issuer" title={name}>
          {name}
        </span>{' '}
        {secondary && (
          <span class="label" title={secondary}>
            {secondary}
          </span>
        )}{' '}
        {account.pinned && (
          <span class="pin" title={t('pinned')}>
            <PinIcon />
          </span>
        )}
        {site && <span class="badge">{t('this_site')}</span>}
      </div>
      <div class="row-code">
        {code ? (
          <span
            id={codeId}
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
          <button
            type="button"
            class="btn btn-small"
            tabIndex={tabbable ? 0 : -1}
            onClick={() => props.onAction('next', account)}
          >
            {t('next_code')}
          </button>
        ) : (
          <>
            <span class="next" style={{ '--len': width }} title={next ? t('next_code_title') : undefined}>
              {next ? groupCode(next) : ''}
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
      <div class="row-actions">
        <button
          type="button"
          class="icon-btn"
          tabIndex={tabbable ? 0 : -1}
          aria-label={t('fill_in_for', name)}
          title={t('fill_in')}
          onClick={() => props.onAction('fill', account)}
        >
          <FillIcon />
        </button>
        <RowMenu
          account={account}
          name={name}
          tabbable={tabbable}
          canMove={props.canMove}
          onAction={props.onAction}
        />
      </div>
    </li>
  );
}
