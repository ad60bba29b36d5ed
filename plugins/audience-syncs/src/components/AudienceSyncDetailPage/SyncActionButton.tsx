import Button, { ButtonProps } from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Tooltip from '@material-ui/core/Tooltip';
import { ReactElement } from 'react';

export interface SyncActionButtonProps {
  label: string;
  icon: ReactElement;
  onClick: () => void;
  /** The action is on its way to the server. */
  pending?: boolean;
  /** Why the action is unavailable (e.g. the permission is denied); disables the button and is shown on hover. */
  disabledReason?: string;
  /** Another action is on its way. */
  busy?: boolean;
  color?: ButtonProps['color'];
  variant?: ButtonProps['variant'];
}

/** A page action that says why it is disabled. */
export const SyncActionButton = ({
  label,
  icon,
  onClick,
  pending,
  disabledReason,
  busy,
  color = 'primary',
  variant = 'outlined',
}: SyncActionButtonProps) => {
  const button = (
    <Button
      color={color}
      variant={variant}
      startIcon={pending ? <CircularProgress size={16} /> : icon}
      disabled={Boolean(disabledReason) || pending || busy}
      onClick={onClick}
    >
      {label}
    </Button>
  );
  if (!disabledReason) {
    return button;
  }
  // A disabled button fires no mouse events, so the tooltip sits on a wrapper.
  return (
    <Tooltip title={disabledReason}>
      <span>{button}</span>
    </Tooltip>
  );
};
