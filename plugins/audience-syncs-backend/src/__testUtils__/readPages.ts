import {
  DestinationClient,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

/** Every page `readMembers` streams for `target`, each as its identifiers. */
export async function readPages(
  client: DestinationClient,
  target: SyncTarget,
  options: { signal?: AbortSignal } = {},
): Promise<string[][]> {
  if (!client.readMembers) throw new Error('The client cannot read members');
  const pages: string[][] = [];
  for await (const page of client.readMembers(target, options)) {
    pages.push(page.map(m => m.identifier));
  }
  return pages;
}
