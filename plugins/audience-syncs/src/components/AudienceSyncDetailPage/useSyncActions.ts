import { audienceSyncsPermissions } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { useCallback, useState } from 'react';
import useMountedState from 'react-use/esm/useMountedState';
import { serverMessage, statusOf } from '../common/errorMessages';

/** One of the Audience Syncs permissions (`@signalsmith/backstage-plugin-audience-syncs-common`). */
export type SyncPermission = (typeof audienceSyncsPermissions)[number];

export interface SyncActionNotice {
  severity: 'success' | 'info' | 'warning' | 'error';
  text: string;
  details?: string[];
}

export interface SyncAction {
  /** What the user asked for, e.g. "Run now". */
  label: string;
  /** The permission the server checks for it. */
  permission: SyncPermission;
}

/**
 * Runs the page's actions and remembers what they taught about permissions: an action the server refused with
 * 403 marks its permission denied (with the server's reason), which disables every control needing it.
 */
export function useSyncActions() {
  const isMounted = useMountedState();
  const [pending, setPending] = useState<string>();
  const [denied, setDenied] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<SyncActionNotice>();

  const deny = useCallback((action: SyncAction, reason: string) => {
    setDenied(d => ({
      ...d,
      [action.permission
        .name]: `You are not allowed to do this (${action.permission.name}): ${reason}`,
    }));
    setNotice({
      severity: 'error',
      text: `${action.label} was refused: ${reason}`,
    });
  }, []);

  /** Performs an action; resolves with its result, or undefined when it failed (the failure is shown). */
  const perform = useCallback(
    async <T>(
      action: SyncAction,
      request: () => Promise<T>,
    ): Promise<T | undefined> => {
      setPending(action.label);
      setNotice(undefined);
      try {
        return await request();
      } catch (error) {
        if (!isMounted()) return undefined;
        if (statusOf(error) === 403) {
          deny(action, serverMessage(error));
        } else {
          setNotice({
            severity: 'error',
            text: `${action.label} failed: ${serverMessage(error)}`,
          });
        }
        return undefined;
      } finally {
        if (isMounted()) setPending(undefined);
      }
    },
    [deny, isMounted],
  );

  const deniedReason = useCallback(
    (permission: SyncPermission) => denied[permission.name],
    [denied],
  );

  return {
    pending,
    perform,
    deny,
    deniedReason,
    notice,
    setNotice,
  };
}
