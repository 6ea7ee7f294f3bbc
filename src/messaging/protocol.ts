/**
 * The one protocol between our pages, the offscreen document and the background: the union of the
 * capability slices in `messages/`. Each slice declares, per message, who may send it, which policy
 * question guards it and the request's run-time shape; the router enforces all three in one place.
 */
import { backupMessages } from './messages/backup';
import { clipboardMessages } from './messages/clipboard';
import { fillMessages } from './messages/fill';
import { offscreenMessages } from './messages/offscreen';
import { pageMessages } from './messages/page';
import { policyMessages } from './messages/policy';
import { scanMessages } from './messages/scan';
import { settingsMessages } from './messages/settings';
import { sitesMessages } from './messages/sites';
import { syncMessages } from './messages/sync';
import { vaultMessages } from './messages/vault';
import type { SpecRequest, SpecRequestIn, SpecResponse } from './spec';

export type { AccountPatch, NewAccount } from '../core/account';
export type { ImportOutcome, ImportPreviewEntry, ImportStatus, MergedField } from './messages/backup';
export type { AccountSummary, FillOutcome, FillRequest } from './messages/fill';
export type { PolicyView } from './messages/policy';
export type { ScanResponse, SiteQuestion } from './messages/scan';
export type { SyncAccountName, SyncConflict, SyncStatus } from './messages/sync';
export type { AuthenticatorEntry, VaultStatus } from './messages/vault';
export type { SenderKind } from './spec';

/** Served by the background worker. */
export const BACKGROUND_MESSAGES = {
  ...vaultMessages,
  ...settingsMessages,
  ...clipboardMessages,
  ...scanMessages,
  ...fillMessages,
  ...sitesMessages,
  ...backupMessages,
  ...policyMessages,
  ...syncMessages,
};

/** Served by the offscreen document; the worker's router leaves these alone. */
export const OFFSCREEN_MESSAGES = offscreenMessages;

/** Handed to the scripts the worker injects into web pages (never sent with runtime messaging). */
export const PAGE_MESSAGES = pageMessages;

export const MESSAGES = { ...BACKGROUND_MESSAGES, ...OFFSCREEN_MESSAGES, ...PAGE_MESSAGES };

export type Protocol = typeof MESSAGES;
export type MessageName = keyof Protocol;
export type BackgroundMessageName = keyof typeof BACKGROUND_MESSAGES;
/** What a caller may send (before defaults) and what the handler receives (checked and parsed). */
export type RequestIn<N extends MessageName> = SpecRequestIn<Protocol[N]>;
export type RequestOf<N extends MessageName> = SpecRequest<Protocol[N]>;
export type ResponseOf<N extends MessageName> = SpecResponse<Protocol[N]>;
