import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { NotificationSeverity } from '@backstage/plugin-notifications-common';
import { AudienceSync } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceCatalog } from '../audiences/AudienceCatalog';
import { AlertKind, AlertStore } from '../database/AlertStore';

/** What the owners read when an alert opens or clears; never a credential. */
export interface AlertMessage {
  title: string;
  description: string;
}

/** Alerts whose opening is a failure to act on now; the others are worth a look. */
const URGENT: ReadonlySet<AlertKind> = new Set(['run-failed', 'missed-run']);

/**
 * Moves a sync's alert to open or cleared and, only when this call changed it, notifies the sync's
 * owner and the owner of its audience. The notification links to the sync's page and is grouped by
 * sync; its scope is per sync and kind, so a recovery notice takes the place of the alert it clears.
 */
export class AlertNotifier {
  readonly #store: AlertStore;
  readonly #notifications: NotificationService;
  readonly #audiences: AudienceCatalog;
  readonly #logger: LoggerService;

  static create(options: {
    store: AlertStore;
    notifications: NotificationService;
    audiences: AudienceCatalog;
    logger: LoggerService;
  }) {
    return new AlertNotifier(options);
  }

  private constructor(options: Parameters<typeof AlertNotifier.create>[0]) {
    this.#store = options.store;
    this.#notifications = options.notifications;
    this.#audiences = options.audiences;
    this.#logger = options.logger;
  }

  async open(sync: AudienceSync, kind: AlertKind, message: AlertMessage) {
    if (await this.#store.open(sync.id, kind, new Date().toISOString())) {
      await this.#send(
        sync,
        kind,
        message,
        URGENT.has(kind) ? 'high' : 'normal',
      );
    }
  }

  async clear(sync: AudienceSync, kind: AlertKind, message: AlertMessage) {
    if (await this.#store.clear(sync.id, kind, new Date().toISOString())) {
      await this.#send(sync, kind, message, 'low');
    }
  }

  async #send(
    sync: AudienceSync,
    kind: AlertKind,
    message: AlertMessage,
    severity: NotificationSeverity,
  ) {
    // The audience's catalog entity is made from this same definition, so its owner is read from here.
    const audienceOwner = this.#audiences.entry(sync.audienceId)?.definition
      .owner;
    const entityRef = [...new Set([sync.owner, audienceOwner])].filter(
      (ref): ref is string => Boolean(ref),
    );
    try {
      await this.#notifications.send({
        recipients: { type: 'entity', entityRef },
        payload: {
          title: message.title,
          description: message.description,
          link: `/audience-syncs/${encodeURIComponent(sync.id)}`,
          severity,
          topic: `Audience sync: ${sync.name}`,
          scope: `audience-syncs:${sync.id}:${kind}`,
        },
      });
    } catch (error) {
      // The state has moved on: a lost notification is logged, never retried into a repeat.
      this.#logger.warn(
        `Could not notify the owners of audience sync ${sync.id} (${kind}): ${error}`,
      );
    }
  }
}
