import {
  AudienceDefinition,
  AudienceMember,
  AudienceSource,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

/** An audience source for tests: definitions and members in memory, changeable between evaluations. */
export class InMemoryAudienceSource implements AudienceSource {
  readonly id = 'in-memory';
  readonly #audiences = new Map<
    string,
    { definition: AudienceDefinition; members: AudienceMember[] | Error }
  >();

  /** `members` as an Error makes evaluations of the audience fail with it. */
  set(definition: AudienceDefinition, members: AudienceMember[] | Error) {
    this.#audiences.set(definition.id, { definition, members });
    return this;
  }

  async listAudiences(): Promise<AudienceDefinition[]> {
    return [...this.#audiences.values()].map(a => a.definition);
  }

  async *evaluate(audienceId: string): AsyncIterable<AudienceMember> {
    const audience = this.#audiences.get(audienceId);
    if (!audience) throw new Error(`Unknown audience '${audienceId}'`);
    if (audience.members instanceof Error) throw audience.members;
    yield* audience.members;
  }
}
