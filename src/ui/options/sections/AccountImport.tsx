import { useEffect, useRef, useState } from 'preact/hooks';
import type { NewAccount } from '../../../core/account';
import type { ProtocolError } from '../../../core/errors';
import { send } from '../../../messaging/client';
import type { ImportOutcome, ImportPreviewEntry } from '../../../messaging/protocol';
import { errorText, t } from '../../i18n';
import { ChooseStep } from './import/ChooseStep';
import { DoneStep } from './import/DoneStep';
import { PasswordStep } from './import/PasswordStep';
import { PreviewStep } from './import/PreviewStep';
import { readImportFile } from './import/read-file';

type Step =
  | { name: 'choose'; file?: File }
  | { name: 'password'; fileName: string; text: string }
  | {
      name: 'preview';
      fileName: string;
      accounts: NewAccount[];
      entries: ImportPreviewEntry[];
      failedLines: number;
    }
  | { name: 'done'; outcome: ImportOutcome };

interface Props {
  /** The vault locked meanwhile (auto-lock): the page shows its unlock form again. */
  onLocked: () => void;
  /** Past the first step the flow has the page to itself, so each of its fields is the only one. */
  onActive: (active: boolean) => void;
}

/**
 * Restore and import: choose a file, unlock it when it is a backup, see what it holds, then one
 * `import.commit` adds and merges everything in one vault transaction.
 */
export function AccountImport({ onLocked, onActive }: Props) {
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  /** The error is about what was typed, not about the file: the password box is marked and selected. */
  const [wrongPassword, setWrongPassword] = useState(false);
  const section = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const wasActive = useRef(false);
  const active = step.name !== 'choose';

  useEffect(() => {
    onActive(active);
    if (active) section.current?.scrollIntoView({ block: 'start' });
    // Back from the flow, focus returns to where it started rather than to the page's top.
    else if (wasActive.current) heading.current?.focus();
    wasActive.current = active;
  }, [active]);
  // Leaving the page mid-flow must not leave the other sections hidden for the next visit.
  useEffect(() => () => onActive(false), []);

  const go = (next: Step) => {
    setError('');
    setStep(next);
  };

  const failed = (failure: ProtocolError) => {
    if (failure.code === 'locked') onLocked();
    else setError(errorText(failure));
    setWrongPassword(failure.code === 'backup-wrong-password');
  };

  const preview = async (fileName: string, accounts: NewAccount[], failedLines: number) => {
    const result = await send('import.preview', { accounts });
    if (!result.ok) return failed(result.error);
    go({ name: 'preview', fileName, accounts, entries: result.value.entries, failedLines });
  };

  const readChosen = async (file: File | undefined) => {
    if (!file) return setError(t('restore_pick_first'));
    setBusy(true);
    setError('');
    const read = await readImportFile(file).catch(() => ({ kind: 'unknown' }) as const);
    if (read.kind === 'backup') {
      go({ name: 'password', fileName: file.name, text: read.text });
      // A damaged file is named at once, on the step that would have asked for its password.
      if (read.problem) failed({ code: read.problem });
    } else if (read.kind === 'list') await preview(file.name, read.accounts, read.failedLines);
    else setError(t(read.kind === 'bad-list' ? 'restore_unknown_file' : 'error_backup_not_a_backup'));
    setBusy(false);
  };

  const unlock = async (fileName: string, text: string, password: string) => {
    setBusy(true);
    setError('');
    const opened = await send('backup.open', { text, password });
    if (opened.ok) await preview(fileName, opened.value.accounts, 0);
    else failed(opened.error);
    setBusy(false);
  };

  const commit = async (accounts: NewAccount[]) => {
    setBusy(true);
    setError('');
    const result = await send('import.commit', { accounts });
    setBusy(false);
    if (!result.ok) return failed(result.error);
    go({ name: 'done', outcome: result.value });
  };

  return (
    <section
      ref={section}
      id="restore"
      class={active ? 'card import is-active' : 'card import'}
      aria-labelledby="restore-title"
      aria-busy={busy}
    >
      <h2 id="restore-title" ref={heading} tabIndex={-1}>
        {t('restore_title')}
      </h2>
      {step.name === 'choose' && (
        <>
          <p class="muted">{t('restore_intro')}</p>
          <ChooseStep
            file={step.file}
            error={error}
            busy={busy}
            onFile={(file) => go({ name: 'choose', file })}
            onContinue={() => void readChosen(step.file)}
          />
        </>
      )}
      {step.name === 'password' && (
        <PasswordStep
          fileName={step.fileName}
          busy={busy}
          error={error}
          wrongPassword={wrongPassword}
          onUnlock={(password) => void unlock(step.fileName, step.text, password)}
          onBack={() => go({ name: 'choose' })}
        />
      )}
      {step.name === 'preview' && (
        <PreviewStep
          fileName={step.fileName}
          accounts={step.accounts}
          entries={step.entries}
          failedLines={step.failedLines}
          busy={busy}
          error={error}
          onImport={() => void commit(step.accounts)}
          onCancel={() => go({ name: 'choose' })}
        />
      )}
      {step.name === 'done' && <DoneStep outcome={step.outcome} onDone={() => go({ name: 'choose' })} />}
    </section>
  );
}
