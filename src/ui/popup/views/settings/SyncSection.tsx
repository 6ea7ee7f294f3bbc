import { useEffect, useId, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ProtocolError } from '../../../../core/errors';
import type { Policy } from '../../../../core/policy/keys';
import { send } from '../../../../messaging/client';
import type { SyncAccountName, SyncStatus } from '../../../../messaging/protocol';
import { SYNCED_AT_KEY } from '../../../../vault/session-keys';
import { PasswordBox, PasswordFields } from '../../../components/PasswordFields';
import { errorText, pageLanguage, t, tCount } from '../../../i18n';
import { showToast } from '../../../toast';
import { newPasswordProblem } from '../../password-rules';
import './sync.css';

interface Props {
  policy: Policy;
  onLocked: () => void;
}

type On = Extract<SyncStatus, { state: 'on' }>;

const nameOf = ({ issuer, label }: { issuer: string; label: string }) =>
  issuer && label ? `${issuer} (${label})` : issuer || label;

const kilobytes = (bytes: number) =>
  (bytes / 1024).toLocaleString(pageLanguage(), { maximumFractionDigits: 1 });

const timeLabel = (time: number) =>
  new Date(time).toLocaleString(pageLanguage(), { dateStyle: 'medium', timeStyle: 'short' });

function NameList({ intro, names }: { intro: string; names: SyncAccountName[] }) {
  const id = useId();
  if (names.length === 0) return null;
  return (
    <div class="sync-list">
      <p id={id} class="note">
        {intro}
      </p>
      <ul aria-labelledby={id}>
        {names.map((name) => (
          <li key={name.syncId}>{nameOf(name)}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Settings → Sync: turn it on with a passphrase, join another computer's synced data, see what is
 * synced and how full the space is, choose between two versions, change the passphrase, turn it off.
 */
export function SyncSection({ policy, onLocked }: Props) {
  const [status, setStatus] = useState<SyncStatus>();
  const [wanted, setWanted] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  // The join box is apart from the new-passphrase fields beside it ("forgot the passphrase?").
  const [joinWith, setJoinWith] = useState('');
  // Which of the two forms of a computer that found synced data shows the error.
  const [startingOver, setStartingOver] = useState(false);
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const titleId = useId();
  const switchId = useId();
  const limitsId = useId();

  const refresh = async () => {
    const answer = await send('sync.status', {});
    if (answer.ok) setStatus(answer.value);
  };

  // What another computer sends shows here as it arrives.
  useEffect(() => {
    void refresh();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const heard = (changes: Record<string, unknown>, area: string) => {
      if (area === 'sync' || (area === 'session' && SYNCED_AT_KEY in changes)) {
        clearTimeout(timer);
        timer = setTimeout(() => void refresh(), 400);
      }
    };
    browser.storage.onChanged.addListener(heard);
    return () => {
      clearTimeout(timer);
      browser.storage.onChanged.removeListener(heard);
    };
  }, []);

  const failed = (problem: ProtocolError) => {
    if (problem.code === 'locked') onLocked();
    else setError(errorText(problem));
  };

  const clear = () => {
    setPassphrase('');
    setJoinWith('');
    setConfirm('');
    setSubmitted(false);
  };

  const act = async (
    request: () => Promise<{ ok: true; value: SyncStatus } | { ok: false; error: ProtocolError }>,
    done?: string,
  ) => {
    setBusy(true);
    setError('');
    const answer = await request();
    setBusy(false);
    if (!answer.ok) return failed(answer.error);
    setStatus(answer.value);
    clear();
    if (done) showToast(done);
  };

  const newPassphrase = (
    event: Event,
    request: (passphrase: string) => ReturnType<typeof send<'sync.enable'>>,
    done: string,
  ) => {
    event.preventDefault();
    setError('');
    const problem = newPasswordProblem(passphrase, {});
    if (problem) return setError(problem);
    if (confirm !== passphrase) return setSubmitted(true);
    void act(() => request(passphrase), done);
  };

  const join = (event: Event) => {
    event.preventDefault();
    setStartingOver(false);
    if (!joinWith) return setError(t('error_sync_wrong_passphrase'));
    void act(() => send('sync.enable', { passphrase: joinWith }), t('sync_turned_on'));
  };

  if (!status || status.state === 'locked') return null;
  const forbidden = status.state === 'forbidden' || policy.disableSync === true;
  const on = status.state === 'on';

  const newFields = (labels: { password: string; confirm: string }) => (
    <PasswordFields
      submitted={submitted}
      password={passphrase}
      confirm={confirm}
      onPassword={setPassphrase}
      onConfirm={setConfirm}
      labels={labels}
      warning={t('sync_passphrase_warning')}
      describedBy={limitsId}
    />
  );

  const errorLine = (
    <p class="error" role="alert">
      {error}
    </p>
  );

  return (
    <section class="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('sync_title')}</h2>
      <p class="note">{t('sync_intro')}</p>
      {status.state !== 'passphrase-changed' && (
        <label class="check" for={switchId}>
          <input
            id={switchId}
            type="checkbox"
            role="switch"
            checked={on || wanted}
            aria-checked={on || wanted}
            disabled={forbidden || busy}
            aria-describedby={forbidden ? `${switchId}-org` : undefined}
            onChange={(event) => {
              const checked = event.currentTarget.checked;
              if (on && !checked) void act(() => send('sync.disable', {}), t('sync_turned_off'));
              else setWanted(checked);
            }}
          />
          <span>{t('sync_toggle')}</span>
        </label>
      )}
      {forbidden && (
        <p id={`${switchId}-org`} class="org-locked">
          {t('org_locked')}
        </p>
      )}
      {!forbidden && status.state === 'off' && wanted && (
        <form
          class="form"
          onSubmit={(event) =>
            newPassphrase(event, (passphrase) => send('sync.enable', { passphrase }), t('sync_turned_on'))
          }
        >
          <p id={limitsId} class="note">
            {t('sync_limits')}
          </p>
          {newFields({ password: t('sync_passphrase'), confirm: t('sync_passphrase_confirm') })}
          {errorLine}
          {busy && (
            <p class="note" role="status">
              {t('sync_kdf_note')}
            </p>
          )}
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {t('sync_turn_on')}
          </button>
        </form>
      )}
      {!forbidden && (status.state === 'found' || status.state === 'passphrase-changed') && (
        <form class="form" onSubmit={join}>
          <p class="note is-strong">
            {status.state === 'found' ? t('sync_found') : t('sync_passphrase_changed')}
          </p>
          <PasswordBox
            label={t('sync_passphrase')}
            autocomplete="off"
            value={joinWith}
            onInput={setJoinWith}
          />
          {!startingOver && errorLine}
          {busy && (
            <p class="note" role="status">
              {t('sync_kdf_note')}
            </p>
          )}
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {t('sync_unlock')}
          </button>
          <p id={limitsId} class="note">
            {t('sync_limits')}
          </p>
        </form>
      )}
      {!forbidden && (status.state === 'found' || status.state === 'passphrase-changed') && (
        <details class="disclosure">
          <summary>{t('sync_start_over')}</summary>
          <form
            class="form"
            onSubmit={(event) => {
              setStartingOver(true);
              newPassphrase(
                event,
                (passphrase) => send('sync.enable', { passphrase, startOver: true }),
                t('sync_started_over'),
              );
            }}
          >
            <p class="note">{t('sync_start_over_note')}</p>
            {newFields({ password: t('sync_new_passphrase'), confirm: t('sync_new_passphrase_confirm') })}
            <button type="submit" class="btn" disabled={busy}>
              {t('sync_start_over_button')}
            </button>
            {startingOver && errorLine}
          </form>
        </details>
      )}
      {!forbidden && on && (
        <SyncOn
          status={status}
          busy={busy}
          onNow={() => void act(() => send('sync.now', {}))}
          onResolve={(syncId, keep) => void act(() => send('sync.resolve', { syncId, keep }))}
          changeForm={
            <form
              class="form"
              onSubmit={(event) =>
                newPassphrase(
                  event,
                  (passphrase) => send('sync.changePassphrase', { passphrase }),
                  t('sync_changed'),
                )
              }
            >
              {newFields({ password: t('sync_new_passphrase'), confirm: t('sync_new_passphrase_confirm') })}
              <button type="submit" class="btn" disabled={busy}>
                {t('sync_change_button')}
              </button>
            </form>
          }
          limitsId={limitsId}
        />
      )}
      {on && errorLine}
    </section>
  );
}

function SyncOn(props: {
  status: On;
  busy: boolean;
  onNow: () => void;
  onResolve: (syncId: string, keep: 'here' | 'there') => void;
  changeForm: preact.JSX.Element;
  limitsId: string;
}) {
  const { status } = props;
  const meterId = useId();
  return (
    <>
      <p class="note" role="status">
        {t('sync_is_on')} {tCount('sync_synced', status.synced)}
        {status.lastSyncAt !== undefined && ` ${t('sync_last', timeLabel(status.lastSyncAt))}`}
      </p>
      <div class="field">
        <span id={meterId} class="field-label">
          {t('sync_space_label')}
        </span>
        <meter
          class="sync-meter"
          aria-labelledby={meterId}
          min={0}
          max={status.quotaBytes}
          value={status.usedBytes}
          high={status.quotaBytes * 0.9}
          aria-valuetext={t('sync_space', [kilobytes(status.usedBytes), kilobytes(status.quotaBytes)])}
        />
        <span class="field-hint">
          {t('sync_space', [kilobytes(status.usedBytes), kilobytes(status.quotaBytes)])}
        </span>
      </div>
      {status.writeFailed && <p class="warning">{t('sync_write_failed')}</p>}
      {status.damagedParts > 0 && <p class="warning">{t('sync_damaged')}</p>}
      <NameList intro={t('sync_not_synced')} names={status.notSynced} />
      <NameList intro={t('sync_slimmed')} names={status.slimmed} />
      {status.conflicts.length > 0 && (
        <div class="sync-conflicts">
          <h3>{t('sync_conflict_title')}</h3>
          {status.conflicts.map((conflict) => (
            <div key={conflict.syncId} class="sync-conflict">
              <p>{t('sync_conflict', nameOf(conflict.here))}</p>
              <button
                type="button"
                class="btn btn-small"
                disabled={props.busy}
                onClick={() => props.onResolve(conflict.syncId, 'here')}
              >
                {t('sync_keep_here', nameOf(conflict.here))}
              </button>
              <button
                type="button"
                class="btn btn-small"
                disabled={props.busy}
                onClick={() => props.onResolve(conflict.syncId, 'there')}
              >
                {t('sync_keep_there', nameOf(conflict.there))}
              </button>
            </div>
          ))}
        </div>
      )}
      <button type="button" class="btn" disabled={props.busy} onClick={props.onNow}>
        {t('sync_now')}
      </button>
      <details class="disclosure">
        <summary>{t('sync_change')}</summary>
        {props.changeForm}
      </details>
      <p id={props.limitsId} class="note">
        {t('sync_limits')}
      </p>
    </>
  );
}
