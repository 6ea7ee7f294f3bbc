import type { ComponentChildren, Ref } from 'preact';
import {
  ImportIcon,
  LockIcon,
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

/**
 * One toolbar button: the icon with a short visible caption under it. The caption is part of the
 * full accessible name ("Scan" in "Scan QR code"), so speech users can say what they see.
 */
function ToolButton(props: {
  icon: ComponentChildren;
  caption: string;
  name: string;
  title?: string;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      class="tool-btn"
      aria-label={props.name}
      title={props.title}
      onClick={props.onClick}
    >
      {props.icon}
      <span class="tool-caption" aria-hidden="true">
        {props.caption}
      </span>
    </button>
  );
}

export function Header(props: Props) {
  const { search } = props;
  return (
    <header class="topbar">
      <div class="topbar-row">
        {/* The name is there for screen readers; the toolbar needs the whole width for its words. */}
        <h1 class="sr-only">{t('extName')}</h1>
        <div class="toolbar">
          <ToolButton
            icon={<ScanIcon />}
            caption={t('toolbar_scan')}
            name={t('scan_qr')}
            onClick={props.onScan}
          />
          <ToolButton
            icon={<PlusIcon />}
            caption={t('toolbar_add')}
            name={t('add_manually')}
            onClick={props.onAdd}
          />
          {props.onImport && (
            <ToolButton
              icon={<ImportIcon />}
              caption={t('import')}
              name={t('import')}
              onClick={props.onImport}
            />
          )}
          <ToolButton
            icon={<SettingsIcon />}
            caption={t('settings')}
            name={t('settings')}
            onClick={props.onSettings}
          />
          <ToolButton
            icon={<LockIcon />}
            caption={t('lock')}
            name={t('lock')}
            title={props.hasPassword ? t('lock_title') : t('lock_needs_password')}
            onClick={props.onLock}
          />
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
