import { Config } from '@backstage/config';
import {
  ENTITY_KEYS,
  describeZodError,
  KEBAB_CASE_ID,
  formatProblems,
  runsAfterEvaluation,
  scheduleProblems,
  scheduleSchema,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { DEFAULT_STATEMENT_TIMEOUT_MS } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { z } from 'zod';
import { readStatementTimeout } from './readStatementTimeout';

const column = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain column name');

const sqlAudienceSchema = z
  .object({
    id: z.string().regex(KEBAB_CASE_ID, 'must be lowercase kebab-case'),
    name: z.string().min(1),
    description: z.string().optional(),
    entityType: z.string().min(1),
    owner: z.string().min(1),
    entityKeys: z.array(z.enum(ENTITY_KEYS)).min(1),
    memberKey: z.enum(ENTITY_KEYS),
    traits: z.array(column).default([]),
    attributes: z.array(column).default([]),
    evaluationSchedule: scheduleSchema,
    sql: z.string().min(1),
    // A duration, read by readStatementTimeout.
    statementTimeout: z.unknown().optional(),
  })
  .strict()
  .refine(a => a.entityKeys.includes(a.memberKey), {
    path: ['memberKey'],
    message: 'must be one of the audience entityKeys',
  });

export type SqlAudienceConfig = Omit<
  z.infer<typeof sqlAudienceSchema>,
  'statementTimeout'
> & {
  /** Overrides the warehouse's statement timeout for this audience. */
  statementTimeoutMs?: number;
};

/** The warehouse: its Knex configuration and the statement timeout of its audiences. */
export interface WarehouseConfig {
  knexConfig: { client: string; connection: unknown; useNullAsDefault: true };
  /** How long an audience's query may run, from its start to its last row. */
  statementTimeoutMs: number;
}

/** Reads `audienceSyncs.audiences`; every problem names its config path. */
export function readSqlAudiencesConfig(config: Config): SqlAudienceConfig[] {
  const raw = config.getOptional('audienceSyncs.audiences') ?? [];
  const parsed = z.array(sqlAudienceSchema).safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `Invalid audience configuration: ${describeZodError(parsed.error, [
        'audienceSyncs',
        'audiences',
      ])}`,
    );
  }
  const seen = new Set<string>();
  parsed.data.forEach((audience, index) => {
    const at = `audienceSyncs.audiences[${index}].evaluationSchedule`;
    const problems = scheduleProblems(audience.evaluationSchedule, at);
    // Only a sync can follow an evaluation; an audience following itself would never be evaluated.
    if (runsAfterEvaluation(audience.evaluationSchedule)) {
      problems.push({
        field: `${at}.type`,
        code: 'schedule_type_unknown',
        message: `'after_evaluation' is a schedule for syncs, not for evaluations`,
      });
    }
    if (problems.length > 0) {
      throw new Error(
        `Invalid audience configuration: ${formatProblems(problems)}`,
      );
    }
    if (seen.has(audience.id)) {
      throw new Error(
        `Invalid audience configuration: audienceSyncs.audiences[${index}].id: '${audience.id}' is used twice`,
      );
    }
    seen.add(audience.id);
  });
  const entries =
    config.getOptionalConfigArray('audienceSyncs.audiences') ?? [];
  return parsed.data.map(({ statementTimeout, ...audience }, index) => ({
    ...audience,
    statementTimeoutMs: readStatementTimeout(
      entries[index],
      'statementTimeout',
      `audienceSyncs.audiences[${index}].statementTimeout`,
    ),
  }));
}

/** Reads `audienceSyncs.warehouse`, or undefined when no warehouse is configured. */
export function readWarehouseConfig(
  config: Config,
): WarehouseConfig | undefined {
  const warehouse = config.getOptionalConfig('audienceSyncs.warehouse');
  if (!warehouse) return undefined;
  return {
    knexConfig: {
      client: warehouse.getString('client'),
      connection: warehouse.get('connection'),
      useNullAsDefault: true,
    },
    statementTimeoutMs:
      readStatementTimeout(
        warehouse,
        'statementTimeout',
        'audienceSyncs.warehouse.statementTimeout',
      ) ?? DEFAULT_STATEMENT_TIMEOUT_MS,
  };
}
