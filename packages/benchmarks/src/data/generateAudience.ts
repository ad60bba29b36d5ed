import { Knex } from 'knex';
import { DatabaseKind } from '../options/BenchOptions';
import {
  createStores,
  LEDGER_TABLE,
  migrationsDir,
  publishEvaluation,
  SNAPSHOT_MEMBERS_TABLE,
} from '../backend';
import { BENCH_AUDIENCE, benchSync } from './benchSync';
import { CHURN, universeFor } from './churn';
import { DataSet, GENERATOR_VERSION } from './DataSet';
import { sqlDialect } from './sqlDialect';

/** Multipliers below 2^35 keep `i × M` inside 64-bit integers up to 268M keys (SQLite turns overflow into REAL). */
const HASH_MULTIPLIERS = [34359738337, 25769803751, 17179869143, 8589934583];

/**
 * Writes an audience snapshot of `size` members, and with `churn` a ledger as the previous run left it
 * (see CHURN), in bulk `INSERT … SELECT` statements over a generated sequence: no rows cross from Node.
 * The evaluation and the sync go through the plugin's own stores, so the rows around them are real; the
 * bulk rows are written into the stores' tables directly, which the stores name for this.
 * Member hashes are synthetic 64-hex strings: equal where the member did not change, as real ones are.
 */
export async function generateAudience(
  knex: Knex,
  kind: DatabaseKind,
  spec: { size: number; churn: boolean; destinationId: string },
): Promise<DataSet> {
  const startedAt = Date.now();
  await knex.migrate.latest({ directory: migrationsDir });
  const stores = createStores(knex);
  const { snapshots } = stores;
  const sync = benchSync(spec.destinationId);
  await stores.syncs.insertSync(sync);
  const evaluationId = await snapshots.startEvaluation(BENCH_AUDIENCE);

  const universe = universeFor(spec.size, spec.churn);
  const dialect = sqlDialect(kind);
  const seq = dialect.sequence(universe);
  const key = dialect.memberKey('i');
  const email = `'user' || i || '@example.com'`;
  const hash = (salt: string) =>
    HASH_MULTIPLIERS.map(m => dialect.hex16(`i * ${m} + ${salt}`)).join(
      ' || ',
    );
  const isChanged = `i % ${CHURN.cycle} = ${CHURN.changed}`;
  const snapshotSql = `${seq.with}
    INSERT INTO ${SNAPSHOT_MEMBERS_TABLE}
      (evaluation_id, member_key, email, phone, user_id, device_id, fields, member_hash)
    SELECT ${evaluationId}, ${key}, ${email}, NULL, 'u' || i, NULL,
      '{"plan":"' || CASE WHEN ${isChanged} THEN 'pro' ELSE 'free' END || '","ltv":' || (i % 1000) || '}',
      ${hash('0')}
    FROM ${seq.from}
    ${spec.churn ? `WHERE i % ${CHURN.cycle} <> ${CHURN.departed}` : ''}`;
  const ledgerSql = `${seq.with}
    INSERT INTO ${LEDGER_TABLE} (sync_id, member_key, identifier, member_hash, fields_hash)
    SELECT '${sync.id}', ${key}, ${email}, ${hash(
    `CASE WHEN ${isChanged} THEN 1 ELSE 0 END`,
  )}, NULL
    FROM ${seq.from}
    WHERE i % ${CHURN.cycle} <> ${CHURN.joined}`;

  await bulkWrite(knex, kind, async tx => {
    await tx.raw(snapshotSql);
    if (spec.churn) await tx.raw(ledgerSql);
  });
  const count = (k: number) =>
    spec.churn && universe > k ? Math.floor((universe - 1 - k) / CHURN.cycle) + 1 : 0;
  const expected = {
    joined: count(CHURN.joined),
    departed: count(CHURN.departed),
    changed: count(CHURN.changed),
  };
  const snapshotRows = universe - expected.departed;
  await publishEvaluation(stores, evaluationId, snapshotRows);
  // PostgreSQL's autovacuum would analyze tables this size soon after; do it now so plans are settled.
  if (kind === 'pg') await knex.raw('VACUUM ANALYZE');
  return {
    generator: GENERATOR_VERSION,
    size: spec.size,
    churn: spec.churn,
    destinationId: spec.destinationId,
    syncId: sync.id,
    evaluationId,
    snapshotRows,
    ledgerRows: spec.churn ? universe - expected.joined : 0,
    expected,
    generatedInMs: Date.now() - startedAt,
  };
}

/**
 * One transaction with the per-row checks that only slow a bulk load off: foreign keys (the parent rows
 * exist) and, on SQLite, syncing to disk (a crash would only mean generating again).
 */
async function bulkWrite(
  knex: Knex,
  kind: DatabaseKind,
  write: (tx: Knex.Transaction) => Promise<void>,
) {
  if (kind === 'sqlite') {
    await knex.raw('PRAGMA foreign_keys = OFF');
    await knex.raw('PRAGMA synchronous = OFF');
    await knex.raw('PRAGMA cache_size = -262144');
    try {
      await knex.transaction(write);
    } finally {
      await knex.raw('PRAGMA foreign_keys = ON');
    }
    return;
  }
  await knex.transaction(async tx => {
    await tx.raw('SET LOCAL session_replication_role = replica');
    await write(tx);
  });
}
