/** Importers the flow treats apart (ids from src/core/formats/apps/), shared by page and reader. */
export const TRANSFER_IMPORTER = 'google-transfer';
export const BACKUP_IMPORTER = 'tweestap';
