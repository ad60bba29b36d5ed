import { createHmac, randomUUID } from 'node:crypto';
import { childInput, childResult } from '../child/childInput';

export interface RawPostInput {
  url: string;
  secret: string;
  size: number;
  batchSize: number;
  /** Requests in flight at once, as the connector keeps them. */
  concurrency: number;
  destinationId: string;
  object: { id: string; name: string };
}

export interface RawPostResult {
  ms: number;
  requests: number;
}

/**
 * Child process: the limit the webhook connector is measured against. The same batches a run sends
 * (the generated members, the connector's batch size and body shape) are built before the clock
 * starts, then POSTed with as many in flight as a run keeps, with fetch and the same signature headers.
 */
async function main() {
  const input = childInput<RawPostInput>();
  const bodies: string[] = [];
  for (let first = 0; first < input.size; first += input.batchSize) {
    const rows = [];
    for (
      let i = first;
      i < Math.min(first + input.batchSize, input.size);
      i++
    ) {
      rows.push({
        memberKey: `m${String(i).padStart(10, '0')}`,
        identifier: { field: 'email', value: `user${i}@example.com` },
        fields: {},
      });
    }
    bodies.push(
      JSON.stringify({
        destinationId: input.destinationId,
        object: input.object,
        operation: 'add',
        rows,
      }),
    );
  }
  const startedAt = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) await post(input, bodies[next++]);
  };
  await Promise.all(Array.from({ length: input.concurrency }, worker));
  const result: RawPostResult = {
    ms: performance.now() - startedAt,
    requests: bodies.length,
  };
  childResult(result);
}

async function post(input: RawPostInput, body: string) {
  // Signing is left in the loop: it is cheap, and a signature must be fresh when the sink checks it.
  const deliveryId = randomUUID();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', input.secret)
    .update(`${deliveryId}.${timestamp}.${body}`)
    .digest('hex');
  const response = await fetch(input.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-audience-syncs-delivery-id': deliveryId,
      'x-audience-syncs-key-id': 'default',
      'x-audience-syncs-timestamp': timestamp,
      'x-audience-syncs-signature': `sha256=${signature}`,
    },
    body,
  });
  const answer = (await response.json()) as { rejected?: unknown[] };
  if (!response.ok || answer.rejected?.length) {
    throw new Error(`The sink answered ${response.status}`);
  }
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
