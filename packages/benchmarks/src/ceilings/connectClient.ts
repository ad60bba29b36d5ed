import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { DestinationClient } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { builtInConnectors } from '../backend';
import { quietLogger } from '../engine/quietLogger';

/** The vendor's client as the engine will connect it: for its capabilities and objects. */
export async function connectClient(
  type: string,
  id: string,
  settings: JsonObject,
): Promise<DestinationClient> {
  const connector = builtInConnectors().find(c => c.type === type);
  if (!connector) throw new Error(`No built-in connector of type ${type}`);
  return connector.connect(
    {
      id,
      type,
      name: id,
      owner: 'group:default/bench',
      settings: new ConfigReader(settings),
    },
    { logger: quietLogger(type) },
  );
}
