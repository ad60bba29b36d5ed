import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { ReactNode } from 'react';

export interface ConfirmRunDialogProps {
  title: string;
  /** What the run will do, in plain words, so that the user knows before it starts. */
  children: ReactNode;
  confirmLabel: string;
  /** False while what the run will do is still being worked out. */
  ready?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** Asks before a run that changes the destination in bulk (repair, full resync). */
export const ConfirmRunDialog = ({
  title,
  children,
  confirmLabel,
  ready = true,
  onConfirm,
  onClose,
}: ConfirmRunDialogProps) => (
  <Dialog open onClose={onClose} aria-labelledby="confirm-run-title">
    <DialogTitle id="confirm-run-title">{title}</DialogTitle>
    <DialogContent>{children}</DialogContent>
    <DialogActions>
      <Button onClick={onClose}>Cancel</Button>
      <Button
        color="primary"
        variant="contained"
        onClick={onConfirm}
        disabled={!ready}
      >
        {confirmLabel}
      </Button>
    </DialogActions>
  </Dialog>
);
