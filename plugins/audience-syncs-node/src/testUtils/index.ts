/**
 * Test helpers for connector packages: the conformance suite every destination connector should pass
 * against its vendor (or a loopback fake of it), an in-memory connector with a real destination's
 * semantics, and a wrapper that injects the failures vendors answer with. For audience sources: a fresh
 * warehouse on each database the SQL audience source reads.
 *
 * @packageDocumentation
 */

export * from './createTestWarehouse';
export * from './describeConnectorConformance';
export * from './FaultyDestinationConnector';
export * from './InMemoryDestinationConnector';
export * from './RecordingLogger';
export * from './seededRandom';
// The contracts the helpers' signatures name, so this entry point's types stand on their own.
export type { AudienceMember } from '../audiences';
export type {
  BatchOperation,
  BatchRequest,
  BatchResult,
  BatchSequence,
  DestinationClient,
  DestinationConfig,
  DestinationConnectOptions,
  DestinationConnector,
  DestinationMember,
  PreparedRow,
  PrepareResult,
  RowRejection,
  SyncTarget,
} from '../connectors';
export type { RequestSlots } from '../http/RequestSlots';
