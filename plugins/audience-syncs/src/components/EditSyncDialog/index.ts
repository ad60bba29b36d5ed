export { EditSyncDialog } from './EditSyncDialog';
export type { EditSyncDialogProps } from './EditSyncDialog';
