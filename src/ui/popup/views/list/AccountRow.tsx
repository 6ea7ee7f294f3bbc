import type { StoredAccount } from '../../../../core/account';
import { accountName } from '../../../account-name';
import { codeAt } from '../../../code-at';
import { accountTime } from '../../../code-time';
import { Avatar } from '../../../components/Avatar';
import { FillIcon, PinIcon } from '../../../components/icons';
import { LiveCode } from '../../../components/LiveCode';
import { t } from '../../../i18n';
import type { ListItem } from '../../../order';
import { type MenuAction, RowMenu } from './RowMenu';

export type RowAction = MenuAction | 'fill' | 'next';

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

export function AccountRow(props: Props) {
  const { item, index, now, tabbable } = props;
  const { account, site } = item;
  const name = accountName(account);
  const secondary = account.issuer ? account.label : '';
  const code = codeAt(account, accountTime(account, now));
  const codeId = `code-${index}`;
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
        </span>
        {account.pinned && (
          <span class="pin" title={t('pinned')}>
            <PinIcon />
          </span>
        )}
        {site && <span class="badge">{t('this_site')}</span>}
      </div>
      {/* The account name has a line of its own, so a long issuer cannot cut it to "anna…". */}
      <div class="row-label" title={secondary || undefined}>
        {secondary}
      </div>
      <LiveCode
        account={account}
        now={now}
        id={codeId}
        tabbable={tabbable}
        onNext={() => props.onAction('next', account)}
      />
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
