import {
  DestinationClient,
  scrubError,
  scrubSecrets,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { eachPage } from './eachPage';

/**
 * `client` with the values of its destination's secret settings scrubbed from every error it throws
 * and every reason it gives for a row. Connectors built with the kit keep them out already; this holds
 * for any connector a module adds.
 */
export function scrubbingClient(
  client: DestinationClient,
  secrets: string[],
): DestinationClient {
  const scrub = (text: string) => scrubSecrets(text, secrets);
  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw scrubError(error, secrets);
    }
  }
  const { createObject, describeFields, readMembers } = client;
  return {
    capabilities: client.capabilities,
    listObjects: () => guarded(() => client.listObjects()),
    createObject:
      createObject && (name => guarded(() => createObject.call(client, name))),
    describeFields:
      describeFields &&
      (object => guarded(() => describeFields.call(client, object))),
    prepare(member, target) {
      const result = client.prepare(member, target);
      return result.ok ? result : { ...result, reason: scrub(result.reason) };
    },
    applyBatch: request =>
      guarded(async () => {
        const { rejected } = await client.applyBatch(request);
        return {
          rejected: rejected.map(r => ({ ...r, message: scrub(r.message) })),
        };
      }),
    readMembers:
      readMembers &&
      ((target, options) =>
        eachPage(readMembers.call(client, target, options), guarded)),
  };
}
