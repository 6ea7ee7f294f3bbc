import { useEffect, useRef, useState } from 'preact/hooks';
import type { NewAccount } from '../../../core/account';
import type { ErrorCode, ProtocolError } from '../../../core/errors';
import type { TransferProgress } from '../../../core/formats/apps/google-transfer';
import type { SkippedEntry } from '../../../core/formats/importer';
import { send } from '../../../messaging/client';
import type { ImportOutcome, ImportPreviewEntry } from '../../../messaging/protocol';
import { errorText, t } from '../../i18n';
import { turnedOff, usePagePolicy } from '../page-policy';
import { PolicyReason, type Problem } from '../policy-notes';
import { ChooseStep } from './import/ChooseStep';
import { DoneStep } from './import/DoneStep';
import { TRANSFER_IMPORTER } from './import/ids';
import { PasswordStep } from './import/PasswordStep';
import { PreviewStep } from './import/PreviewStep';
import {
  type Chosen,
  type FormatRef,
  forgetSource,
  readSource,
  recogniseFile,
  recogniseText,
} from './import/parse';
import { listenForTransferImages } from './import/route';
import { TransferStep } from './import/TransferStep';
import { howToText, importErrorText } from './import/texts';

/** A recognised file or text, held by the reader under `source`. */
interface Source {
  format: FormatRef;
  source: number;
  /** The file's name; undefined for pasted text. */
  fileName?: string;
}

type Step =
  | { name: 'choose' }
  /** `early`: what the file shows to be wrong before any password (our own backup's checksum). */
  | { name: 'password'; from: Source; early?: ErrorCode }
  | { name: 'transfer'; from: Source; progress: TransferProgress[] }
  | {
      name: 'preview';
      title: string;
      app: string;
      accounts: NewAccount[];
      skipped: SkippedEntry[];
      entries: ImportPreviewEntry[];
    }
  | { name: 'done'; outcome: ImportOutcome };

interface Props {
  /** The vault locked meanwhile (auto-lock): the page shows its unlock form again. */
  onLocked: () => void;
  /** Past the first step the flow has the page to itself, so each of its fields is the only one. */
  onActive: (active: boolean) => void;
}

/**
 * Restore and import: a file (any app's export, a backup, a picture of a transfer code) or pasted
 * text is recognised and read in the page, by the importers (src/core/formats/importers.ts) in a
 * worker of its own; the vault's worker only compares (`import.preview`) and then adds and merges
 * everything chosen in one transaction (`import.commit`). Under `disableImport` only the reason is
 * left; a flow under way when that policy arrives ends with it.
 */
export function AccountImport(props: Props) {
  const off = turnedOff(usePagePolicy().policy).import;
  if (!off) return <ImportFlow {...props} />;
  return (
    <section id="restore" class="card import" aria-labelledby="restore-title">
      <h2 id="restore-title" tabIndex={-1}>
        {t('restore_title')}
      </h2>
      <PolicyReason text={t('options_policy_import_off')} policyKey={off} />
    </section>
  );
}

function ImportFlow({ onLocked, onActive }: Props) {
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [file, setFile] = useState<File>();
  const [text, setText] = useState('');
  /** The source Continue reads: whichever of file and text was given last. */
  const [latest, setLatest] = useState<'file' | 'text'>('file');
  const [busy, setBusy] = useState(false);
  /** On the first step: what is wrong, then what to do (paragraphs). */
  const [problem, setProblem] = useState<Problem[]>([]);
  const [error, setError] = useState<Problem>('');
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
    setProblem([]);
    setWrongPassword(false);
    // A file left behind is of no more use to the reader.
    if (
      (step.name === 'password' || step.name === 'transfer') &&
      !('from' in next && next.from === step.from)
    )
      void forgetSource(step.from.source);
    setStep(next);
  };

  // Said on whichever step is showing: the first shows `problem`, the others `error`.
  const failed = (failure: ProtocolError) => {
    if (failure.code === 'locked') return onLocked();
    setError(failure);
    setProblem([failure]);
  };

  const preview = async (title: string, app: string, accounts: NewAccount[], skipped: SkippedEntry[]) => {
    const result = await send('import.preview', { accounts });
    if (!result.ok) return failed(result.error);
    go({ name: 'preview', title, app, accounts, skipped, entries: result.value.entries });
  };

  /**
   * Reads the source; a problem is told on whichever step is showing. `retry`: the step stays for
   * another try (a password, more transfer codes), so the reader keeps the file.
   */
  const read = async (from: Source, password?: string, retry = false) => {
    const outcome = await readSource(from.source, password);
    if (outcome.ok || !retry) void forgetSource(from.source);
    if (!outcome.ok) {
      const message = importErrorText(outcome.code, from.format.app);
      setProblem([message]);
      setError(message);
      setWrongPassword(outcome.code === 'import-wrong-password');
      return;
    }
    const title = from.fileName ? t('restore_preview_title', from.fileName) : t('import_preview_pasted');
    await preview(title, from.format.app, outcome.entries.accounts, outcome.entries.skipped);
  };

  const handle = async (found: Chosen, fileName: string | undefined) => {
    if (found.kind === 'importer') {
      const from: Source = { format: found.format, source: found.source, fileName };
      if (found.encrypted) {
        go({ name: 'password', from, early: found.early });
        if (found.early) setError(errorText({ code: found.early }));
        return;
      }
      if (found.missing) return go({ name: 'transfer', from, progress: found.missing });
      return read(from);
    }
    if (found.kind === 'too-big') return setProblem([t('import_too_big')]);
    if (found.kind === 'no-qr') return setProblem([t('import_no_qr')]);
    if (found.kind === 'unreadable') {
      // The how-to names the app and says how to export from it; without one, at least the app.
      const howTo = howToText(found.format.id);
      return setProblem([t('import_unknown_file'), howTo || t('import_unreadable', found.format.app)]);
    }
    setProblem([
      t(fileName === undefined ? 'import_unknown_text' : 'import_unknown_file'),
      t('import_reads', found.apps.join(', ')),
    ]);
  };

  const working = async (job: () => Promise<void>) => {
    setBusy(true);
    setError('');
    setProblem([]);
    try {
      await job();
    } catch (thrown) {
      // The reader stopped (out of memory on a huge file, say): said, and the page goes on.
      console.error('Import failed', thrown);
      setProblem([errorText({ code: 'internal' })]);
      setError(errorText({ code: 'internal' }));
    } finally {
      setBusy(false);
    }
  };

  const readChosen = (chosen: File | undefined, prefer: 'file' | 'text') =>
    working(async () => {
      const pasted = text.trim() !== '';
      if (pasted && (prefer === 'text' || !chosen)) return handle(await recogniseText(text), undefined);
      if (!chosen) return setProblem([t('restore_pick_first')]);
      await handle(await recogniseFile(chosen), chosen.name);
    });

  /** Another picture of a transfer code, added to those read so far. */
  const addImage = (current: Extract<Step, { name: 'transfer' }>, image: File) =>
    working(async () => {
      const found = await recogniseFile(image, current.from.source);
      if (found.kind === 'importer' && found.format.id === TRANSFER_IMPORTER) {
        const from: Source = { format: found.format, source: found.source, fileName: current.from.fileName };
        if (!found.missing) return read(from);
        go({ name: 'transfer', from, progress: found.missing });
        // Google makes a new batch at every export: a code of an older one does not fill this one's gaps.
        const known = new Set(current.progress.map((progress) => progress.batchId));
        if (found.missing.some((progress) => !known.has(progress.batchId)))
          setError(t('import_transfer_other'));
        return;
      }
      if (found.kind === 'importer') void forgetSource(found.source);
      setError(t(found.kind === 'no-qr' ? 'import_no_qr' : 'import_transfer_not_a_code'));
    });

  // An image of a transfer code dropped on "Add from a QR image" is read here instead.
  const routed = useRef<(image: File) => void>(() => undefined);
  routed.current = (image: File) => {
    if (busy) return;
    if (step.name === 'transfer') return void addImage(step, image);
    setFile(image);
    setLatest('file');
    go({ name: 'choose' });
    void readChosen(image, 'file');
  };
  useEffect(() => listenForTransferImages((image) => routed.current(image)), []);

  const commit = (accounts: NewAccount[]) =>
    working(async () => {
      const result = await send('import.commit', { accounts });
      if (!result.ok) return failed(result.error);
      go({ name: 'done', outcome: result.value });
    });

  const restart = () => {
    go({ name: 'choose' });
    setFile(undefined);
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
            file={file}
            text={text}
            error={problem}
            busy={busy}
            onFile={(next) => {
              setFile(next);
              setLatest('file');
              setProblem([]);
            }}
            onText={(next) => {
              setText(next);
              setLatest('text');
            }}
            onContinue={() => void readChosen(file, latest)}
          />
        </>
      )}
      {step.name === 'password' && (
        <PasswordStep
          app={step.from.format.app}
          fileName={step.from.fileName}
          busy={busy}
          error={error}
          wrongPassword={wrongPassword}
          onUnlock={(password) =>
            void working(async () => {
              setWrongPassword(false);
              // A file known to be damaged stays so, whatever password is tried: say the same again.
              if (step.early) return setError(errorText({ code: step.early }));
              await read(step.from, password, true);
            })
          }
          onBack={restart}
        />
      )}
      {step.name === 'transfer' && (
        <TransferStep
          progress={step.progress}
          busy={busy}
          error={error}
          onImage={(image) => void addImage(step, image)}
          onContinue={() => void working(() => read(step.from, undefined, true))}
          onBack={restart}
        />
      )}
      {step.name === 'preview' && (
        <PreviewStep
          title={step.title}
          app={step.app}
          accounts={step.accounts}
          entries={step.entries}
          skipped={step.skipped}
          busy={busy}
          error={error}
          onImport={(chosen) => {
            // What is already stored goes along, so the summary counts it; a repeat of a new
            // account within the file does not (it would become new if that one was left out).
            const picked = new Set(chosen);
            void commit(
              step.accounts.filter(
                (_, i) =>
                  picked.has(i) || (step.entries[i]?.status === 'same' && step.entries[i]?.existingId),
              ),
            );
          }}
          onCancel={restart}
        />
      )}
      {step.name === 'done' && (
        <DoneStep
          outcome={step.outcome}
          onDone={() => {
            restart();
            setText('');
          }}
        />
      )}
    </section>
  );
}
