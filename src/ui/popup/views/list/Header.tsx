import type { Ref } from 'preact';
import {
  ImportIcon,
  LockIcon,
  LogoMark,
  PlusIcon,
  ScanIcon,
  SearchIcon,
  SettingsIcon,
} from '../../../components/icons';
import { t } from '../../../i18n';

interface Props {
  hasPassword: boolean;
  search:
    | {
        query: string;
        ref: Ref<HTMLInputElement>;
        onInput: (query: string) => void;
        onKeyDown: (event: KeyboardEvent) => void;
      }
    | undefined;
  onScan: () => void;
  onAdd: () => void;
  /** None: the organisation does not allow importing. */
  onImport: (() => void) | undefined;
  onSettings: () => void;
  onLock: () => void;
}

export function Header(props: Props) {
  const { search } = props;
  return (
    <header class="topbar">
      <div class="topbar-row">
        <h1 class="brand">
          <LogoMark />
          <span>{t('extName')}</span>
        </h1>
        <div class="toolbar">
          <button
            type="button"
            class="icon-btn"
            aria-label={t('scan_qr')}
            title={t('scan_qr')}
            onClick={props.onScan}
          >
            <ScanIcon />
          </button>
          <button
            type="button"
            class="icon-btn"
            aria-label={t('add_manually')}
            title={t('add_manually')}
            onClick={props.onAdd}
          >
            <PlusIcon />
          </button>
          {props.onImport && (
            <button
              type="button"
              class="icon-btn"
              aria-label={t('import')}
              title={t('import')}
              onClick={props.onImport}
            >
              <ImportIcon />
            </button>
          )}
          <button
            type="button"
            class="icon-btn"
            aria-label={t('settings')}
            title={t('settings')}
            onClick={props.onSettings}
          >
            <SettingsIcon />
          </button>
          <button
            type="button"
            class="icon-btn"
            aria-label={t('lock')}
            title={props.hasPassword ? t('lock_title') : t('lock_needs_password')}
            onClick={props.onLock}
          >
            <LockIcon />
          </button>
        </div>
      </div>
      {search && (
        <search class="search">
          <SearchIcon />
          <input
            ref={search.ref}
            type="search"
            aria-label={t('search')}
            placeholder={t('search_placeholder')}
            autocomplete="off"
            spellcheck={false}
            value={search.query}
            onInput={(event) => search.onInput(event.currentTarget.value)}
            onKeyDown={search.onKeyDown}
          />
        </search>
      )}
    </header>
  );
}
