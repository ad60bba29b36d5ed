import { SignalApi } from '@backstage/plugin-signals-react';
import {
  AUDIENCE_SYNCS_SIGNAL_CHANNEL,
  SyncSignal,
} from '@signalsmith/backstage-plugin-audience-syncs-common';

/** The portal's signals as a test drives them: `publish` delivers to every subscriber of the channel. */
export class FakeSignalApi implements SignalApi {
  readonly #subscribers = new Map<string, Set<(message: any) => void>>();

  subscribe: SignalApi['subscribe'] = (channel, onMessage) => {
    const subscribers = this.#subscribers.get(channel) ?? new Set();
    this.#subscribers.set(channel, subscribers);
    subscribers.add(onMessage);
    return { unsubscribe: () => subscribers.delete(onMessage) };
  };

  /** Sends `signal` as the backend does, on the plugin's channel. */
  publish(signal: SyncSignal) {
    const subscribers = this.#subscribers.get(AUDIENCE_SYNCS_SIGNAL_CHANNEL);
    for (const onMessage of subscribers ?? []) onMessage(signal);
  }
}
