import { TestDatabases } from '@backstage/backend-test-utils';
import { seededRandom } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import request from 'supertest';
import { startAudienceSyncsTestBackend } from '../__testUtils__/startAudienceSyncsTestBackend';
import { createRouter } from './router';

jest.setTimeout(180_000);

type Backend = Awaited<ReturnType<typeof startAudienceSyncsTestBackend>>;
type Json = unknown;
const api = '/api/audience-syncs';
const databaseIds = ['POSTGRES_15', 'SQLITE_3'] as const;
const REQUESTS_PER_DATABASE = 1_200;

type Choose = <T>(values: readonly T[]) => T;

/** Strings no text field accepts: empty, blank, longer than any column, or holding a NUL. */
const badStrings = [
  '',
  '   ',
  'a'.repeat(256),
  'é'.repeat(5_000),
  '💥'.repeat(200),
  '\u0000',
  'ok\u0000ok',
];
const badNonStrings: Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e20,
  -1e20,
  2 ** 31,
  2 ** 53 + 2,
  [],
  ['a'],
  {},
  { nested: { deeper: 'x' } },
];
/** Path segments that name no sync, run, audience or destination, some of them no valid id at all. */
const badIds = [
  'no-such-id',
  '%00',
  'a%00b',
  'x'.repeat(300),
  '%ZZ',
  '%E2%82',
  encodeURIComponent('💥 ünïcode'),
  '..%2F..',
  '2147483648',
  '99999999999999999999',
  '1e3',
  '-1',
  '0',
  'NaN',
  '%25',
  '_',
];
const badQueryValues = [
  '1e20',
  '-1',
  '1.5',
  'NaN',
  'Infinity',
  '',
  '%00',
  'a%00b',
  'x'.repeat(300),
  '%25',
  '_',
  '%ZZ',
  encodeURIComponent('💥'.repeat(200)),
  '9007199254740993',
];

/** A valid body to corrupt, and the paths of its values. */
const validCreate = {
  name: 'Fuzzed',
  audienceId: 'loyal-customers',
  destinationId: 'ads',
  object: { create: { name: 'Fuzz object' } },
  mode: 'mirror',
  identifier: { entityKey: 'email', field: 'EMAIL' },
  fieldMappings: [
    {
      source: { kind: 'trait', name: 'lifetime_value' },
      destinationField: 'LTV',
    },
  ],
  schedule: { type: 'cron', cron: '0 * * * *', timezone: 'Europe/Rome' },
  owner: 'group:default/marketing',
  runNow: true,
};

function leafPaths(value: Json, prefix: (string | number)[] = []) {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value);
  const paths: (string | number)[][] = [];
  for (const [key, child] of entries) {
    paths.push(...leafPaths(child, [...prefix, key]));
  }
  return paths;
}

function setAt(target: any, path: (string | number)[], value: Json) {
  const parent = path.slice(0, -1).reduce((node, key) => node[key], target);
  parent[path[path.length - 1]] = value;
}

/** Nested values every body needs where its parent is given. */
const requiredNested = [
  'object.create.name',
  'identifier.entityKey',
  'identifier.field',
  'schedule.type',
  'fieldMappings.0.source.kind',
  'fieldMappings.0.source.name',
  'fieldMappings.0.destinationField',
];

/** One corruption of a valid body, each one the schema refuses whatever else the body holds. */
function corruptBody(valid: object, pick: Choose, requiredKeys: string[]) {
  const body: any = structuredClone(valid);
  const paths = leafPaths(body);
  const corruption = pick([
    'bad string',
    'bad type',
    'missing field',
    'missing nested field',
    'unknown field',
    'unknown nested field',
  ] as const);
  switch (corruption) {
    case 'bad string':
      setAt(body, pick(paths), pick(badStrings));
      break;
    case 'bad type': {
      const path = pick(paths);
      // `runNow` is the only boolean; elsewhere a boolean is as wrong as any other non-string.
      const values = badNonStrings.filter(
        v => path[path.length - 1] !== 'runNow' || typeof v !== 'boolean',
      );
      setAt(body, path, pick(values));
      break;
    }
    case 'missing field':
      if (requiredKeys.length > 0) delete body[pick(requiredKeys)];
      else setAt(body, pick(paths), pick(badStrings));
      break;
    case 'missing nested field': {
      const required = paths.filter(p => requiredNested.includes(p.join('.')));
      if (required.length > 0) {
        const path = pick(required);
        const parent = path.slice(0, -1).reduce((node, key) => node[key], body);
        delete parent[path[path.length - 1]];
      } else setAt(body, pick(paths), pick(badStrings));
      break;
    }
    case 'unknown field':
      body[pick(['extra', '__proto__x', 'id', 'status', '\u0000'])] = 1;
      break;
    case 'unknown nested field': {
      const parents = paths.filter(p => p.length > 1).map(p => p.slice(0, -1));
      if (parents.length > 0)
        setAt(body, [...pick(parents), 'unexpected'], 'x');
      else body.unexpected = 'x';
      break;
    }
    default:
      break;
  }
  return body;
}

type Send = {
  method: string;
  path: string;
  body?: Json;
  raw?: string;
  contentType?: string;
};

/** A payload that is no JSON object, or none at all. */
function malformedPayload(
  pick: Choose,
): Pick<Send, 'body' | 'raw' | 'contentType'> {
  return pick([
    { raw: '{', contentType: 'application/json' },
    { raw: '{"name": ', contentType: 'application/json' },
    { raw: 'nul', contentType: 'application/json' },
    { raw: '"just a string"', contentType: 'application/json' },
    { raw: '42', contentType: 'application/json' },
    { raw: '\u0000', contentType: 'application/json' },
    { body: [] },
    { body: [validCreate] },
    { raw: JSON.stringify(validCreate), contentType: 'text/plain' },
    { raw: 'name=Fuzzed', contentType: 'application/x-www-form-urlencoded' },
    { raw: JSON.stringify(validCreate), contentType: 'application/xml' },
  ]);
}

function badQuery(pick: Choose, keys: string[]) {
  const key = pick([...keys, 'unknown', 'offset[a]', 'limit[]']);
  const parts = [`${key}=${pick(badQueryValues)}`];
  if (pick([true, false])) parts.push(`${key}=${pick(badQueryValues)}`);
  return `?${parts.join('&')}`;
}

/** Every route of the router, as Express registered them. */
async function routerRoutes(): Promise<string[]> {
  const routes: string[] = [];
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          routes.push(`${method.toUpperCase()} ${layer.route.path}`);
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk(((await createRouter({} as any)) as any).stack);
  return routes.sort();
}

/**
 * Each route's malformed requests. `sync` and `run` are a real sync and run: only reads and requests whose
 * body or query is refused may name them, so that no request can change them.
 */
function fuzzRoutes(ids: { sync: string; run: number }) {
  const syncOrBad = (pick: Choose) => pick([ids.sync, ...badIds]);
  const patchBody = {
    name: 'Renamed',
    mode: 'additive',
    owner: 'group:default/x',
  };
  const createBody = (pick: Choose, valid: object, required: string[]) =>
    pick([true, true, true, false])
      ? { body: corruptBody(valid, pick, required) }
      : malformedPayload(pick);
  const routes: Record<string, (pick: Choose) => Send> = {
    'GET /health': pick => ({
      method: 'get',
      path: `/health${badQuery(pick, [])}`,
    }),
    'GET /audiences': pick => ({
      method: 'get',
      path: `/audiences${badQuery(pick, ['search', 'limit', 'offset'])}`,
    }),
    'GET /audiences/:audienceId': pick => ({
      method: 'get',
      path: `/audiences/${pick(badIds)}`,
    }),
    'GET /audiences/:audienceId/members/timeline': pick => ({
      method: 'get',
      path: `/audiences/${pick([
        'loyal-customers',
        ...badIds,
      ])}/members/timeline${badQuery(pick, ['q'])}`,
    }),
    'GET /destinations': pick => ({
      method: 'get',
      path: `/destinations${badQuery(pick, [])}`,
    }),
    'GET /destinations/:destinationId': pick => ({
      method: 'get',
      path: `/destinations/${pick(badIds)}`,
    }),
    'GET /destinations/:destinationId/objects': pick => ({
      method: 'get',
      path: `/destinations/${pick(badIds)}/objects`,
    }),
    'GET /destinations/:destinationId/fields': pick => ({
      method: 'get',
      path: `/destinations/${pick([
        'ads',
        'crm',
        'hook',
        ...badIds,
      ])}/fields${badQuery(pick, ['objectId', 'objectName'])}`,
    }),
    'POST /destinations/:destinationId/objects': pick => ({
      method: 'post',
      path: `/destinations/${pick(['ads', 'crm', 'hook', ...badIds])}/objects`,
      ...createBody(pick, { name: 'Fuzz object' }, ['name']),
    }),
    'GET /syncs': pick => ({
      method: 'get',
      path: `/syncs${badQuery(pick, [
        'audienceId',
        'destinationId',
        'status',
        'search',
        'limit',
        'offset',
      ])}`,
    }),
    'POST /syncs': pick => ({
      method: 'post',
      path: `/syncs${pick([
        '',
        '',
        '?dryRun=true',
        '?dryRun=false',
        badQuery(pick, ['dryRun']),
      ])}`,
      ...createBody(pick, validCreate, [
        'audienceId',
        'destinationId',
        'object',
        'identifier',
        'schedule',
      ]),
    }),
    'GET /syncs/:syncId': pick => ({
      method: 'get',
      path: `/syncs/${syncOrBad(pick)}`,
    }),
    'PATCH /syncs/:syncId': pick => ({
      method: 'patch',
      path: `/syncs/${syncOrBad(pick)}`,
      ...(pick([true, false, false])
        ? { body: {} }
        : createBody(pick, patchBody, [])),
    }),
    'DELETE /syncs/:syncId': pick => ({
      method: 'delete',
      path: `/syncs/${pick(badIds)}`,
    }),
    'POST /syncs/:syncId/pause': pick => ({
      method: 'post',
      path: `/syncs/${pick(badIds)}/pause`,
      ...malformedPayload(pick),
    }),
    'POST /syncs/:syncId/resume': pick => ({
      method: 'post',
      path: `/syncs/${pick(badIds)}/resume`,
      ...malformedPayload(pick),
    }),
    'POST /syncs/:syncId/run': pick => ({
      method: 'post',
      path: `/syncs/${pick(badIds)}/run`,
      ...malformedPayload(pick),
    }),
    'POST /syncs/:syncId/verify': pick => ({
      method: 'post',
      path: `/syncs/${pick(badIds)}/verify`,
      ...malformedPayload(pick),
    }),
    'POST /syncs/:syncId/repair': pick => ({
      method: 'post',
      path: `/syncs/${pick(badIds)}/repair`,
      ...malformedPayload(pick),
    }),
    'POST /syncs/:syncId/resync': pick => ({
      method: 'post',
      path: `/syncs/${pick(badIds)}/resync${pick([
        '?dryRun=true',
        badQuery(pick, ['dryRun']),
      ])}`,
    }),
    'POST /syncs/:syncId/runs/:runId/approve': pick => ({
      method: 'post',
      path: `/syncs/${syncOrBad(pick)}/runs/${pick(badIds)}/approve`,
    }),
    'GET /syncs/:syncId/runs': pick => ({
      method: 'get',
      path: `/syncs/${syncOrBad(pick)}/runs${badQuery(pick, [
        'limit',
        'offset',
      ])}`,
    }),
    'GET /syncs/:syncId/activity': pick => ({
      method: 'get',
      path: `/syncs/${syncOrBad(pick)}/activity${badQuery(pick, [
        'limit',
        'offset',
      ])}`,
    }),
    'GET /syncs/:syncId/runs/:runId': pick => ({
      method: 'get',
      path: `/syncs/${syncOrBad(pick)}/runs/${pick([
        String(ids.run),
        ...badIds,
      ])}`,
    }),
  };
  return routes;
}

describe.each(
  TestDatabases.create({ ids: [...databaseIds] }).eachSupportedId(),
)('Malformed requests to every route on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [...databaseIds] });
  let backend: Backend;

  beforeAll(async () => {
    backend = await startAudienceSyncsTestBackend({
      knex: await databases.init(databaseId),
    });
  });

  afterAll(async () => {
    await backend.stop();
  });

  /** Everything a request could create or change: syncs, runs, ledgers and the destinations' objects. */
  const state = async () => ({
    syncs: await backend.knex('syncs').select().orderBy('id'),
    runs: await backend.knex('sync_runs').select().orderBy('id'),
    activity: await backend.knex('sync_activity').select().orderBy('id'),
    ledger: await backend.knex('sync_members').count({ n: '*' }),
    objects: [backend.ads, backend.crm].map(c => [...c.objects.entries()]),
  });

  it('answers none with a 5xx, names a field in every 400, and creates nothing', async () => {
    const created = await request(backend.server)
      .post(`${api}/syncs`)
      .send({
        audienceId: 'loyal-customers',
        destinationId: 'ads',
        object: { id: 'aud-1' },
        identifier: { entityKey: 'email', field: 'EMAIL' },
        schedule: { type: 'daily' },
        runNow: true,
      });
    expect(created.status).toBe(201);
    const routes = fuzzRoutes({
      sync: created.body.sync.id,
      run: created.body.run.id,
    });
    expect(Object.keys(routes).sort()).toEqual(await routerRoutes());

    const before = await state();
    const random = seededRandom(19);
    const pick: Choose = values => values[Math.floor(random() * values.length)];
    const routeNames = Object.keys(routes);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < REQUESTS_PER_DATABASE; i++) {
      const route = routeNames[i % routeNames.length];
      const send = routes[route](pick);
      let pending = (request(backend.server) as any)[send.method](
        `${api}${send.path}`,
      ) as request.Test;
      if (send.raw !== undefined) {
        pending = pending.set('content-type', send.contentType!).send(send.raw);
      } else if (send.body !== undefined) {
        pending = pending.send(send.body as object);
      }
      const res = await pending;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const fields: unknown[] = (res.body?.problems ?? []).map(
        (p: { field: unknown }) => p.field,
      );
      const refusedWithoutField =
        res.status === 400 &&
        (fields.length === 0 ||
          fields.some(f => typeof f !== 'string' || f === ''));
      const created2xx =
        res.status < 300 &&
        !['get'].includes(send.method) &&
        !send.path.includes('dryRun=true');
      if (res.status >= 500 || refusedWithoutField || created2xx) {
        failures.push(
          `#${i} ${route}: ${send.method.toUpperCase()} ${send.path.slice(
            0,
            120,
          )} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
        );
      }
    }
    expect(failures).toEqual([]);
    expect(await state()).toEqual(before);
    // Most requests are refused as bad input; some reach a route and name nothing that exists.
    expect(statuses.get(400)).toBeGreaterThan(REQUESTS_PER_DATABASE / 2);
  });
});
