import { startWebhookSinkEmulator } from '@internal/destination-emulators';
import { BenchDestination } from '../engine/createBenchEngine';

export const BENCH_WEBHOOK_ID = 'bench-webhook';
const SECRET = 'bench-webhook-secret-0123456789abcdef';

/**
 * The loopback sink of the memory and throughput scenarios: the webhook emulator (signature checked,
 * membership kept, no rate limit), in the bench process, so the measured child does only the sync.
 */
export async function startBenchSink() {
  const emulator = await startWebhookSinkEmulator({ signingSecret: SECRET });
  const destination: BenchDestination = {
    id: BENCH_WEBHOOK_ID,
    type: 'webhook',
    settings: {
      url: `${emulator.url}/hooks/audience`,
      signingSecret: SECRET,
      objects: [{ id: 'bench-list', name: 'Benchmark list' }],
    },
  };
  return {
    emulator,
    destination,
    url: `${emulator.url}/hooks/audience`,
    secret: SECRET,
  };
}

export type BenchSink = Awaited<ReturnType<typeof startBenchSink>>;
