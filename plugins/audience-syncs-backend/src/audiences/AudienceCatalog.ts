import {
  Audience,
  ListAudiencesQuery,
  Page,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AudienceDefinition,
  AudienceSource,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import {
  AudienceSnapshotState,
  SnapshotStore,
} from '../database/SnapshotStore';

interface CatalogEntry {
  definition: AudienceDefinition;
  source: AudienceSource;
}

/** Every audience the sources define, with the state of its snapshot. */
export class AudienceCatalog {
  readonly #entries: Map<string, CatalogEntry>;
  readonly #store: SnapshotStore;

  static async create(options: {
    sources: AudienceSource[];
    store: SnapshotStore;
  }): Promise<AudienceCatalog> {
    const entries = new Map<string, CatalogEntry>();
    for (const source of options.sources) {
      for (const definition of await source.listAudiences()) {
        const existing = entries.get(definition.id);
        if (existing) {
          throw new Error(
            `Audience id '${definition.id}' is defined by both the '${existing.source.id}' and '${source.id}' sources`,
          );
        }
        entries.set(definition.id, { definition, source });
      }
    }
    return new AudienceCatalog(entries, options.store);
  }

  private constructor(
    entries: Map<string, CatalogEntry>,
    store: SnapshotStore,
  ) {
    this.#entries = entries;
    this.#store = store;
  }

  definitions(): CatalogEntry[] {
    return [...this.#entries.values()];
  }

  entry(id: string): CatalogEntry | undefined {
    return this.#entries.get(id);
  }

  async get(id: string): Promise<Audience | undefined> {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    return toAudience(entry.definition, await this.#store.getState(id));
  }

  async list(query: ListAudiencesQuery): Promise<Page<Audience>> {
    const term = query.search?.trim().toLocaleLowerCase('en-US');
    const matching = this.definitions()
      .map(e => e.definition)
      .filter(
        d =>
          !term ||
          d.name.toLocaleLowerCase('en-US').includes(term) ||
          d.id.includes(term),
      )
      .sort((a, b) => a.name.localeCompare(b.name, 'en-US'));
    const pageOf = matching.slice(query.offset, query.offset + query.limit);
    const states = await this.#store.getStates(pageOf.map(d => d.id));
    return {
      items: pageOf.map(d =>
        toAudience(d, states.get(d.id) ?? { current: null, latest: null }),
      ),
      totalCount: matching.length,
      limit: query.limit,
      offset: query.offset,
    };
  }
}

function toAudience(
  definition: AudienceDefinition,
  state: AudienceSnapshotState,
): Audience {
  return {
    ...definition,
    memberCount: state.current?.memberCount ?? null,
    lastEvaluatedAt: state.current?.finishedAt ?? null,
    lastEvaluation: state.latest,
  };
}
