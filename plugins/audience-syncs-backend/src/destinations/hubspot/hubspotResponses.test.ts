import { upsertedIds, upsertRejections } from './hubspotResponses';

const rowsFor = (emails: string[]) =>
  new Map(
    emails.map((email, i) => [
      email,
      [{ memberKey: `m${i}`, identifier: email, fields: {} }],
    ]),
  );

describe('HubSpot upsert answers', () => {
  const inputs = ['jose\u0301@example.com', 'ada@example.com'];

  // Out of input order, and the first contact's email as HubSpot keeps it (composed é), not as sent.
  const answer = {
    results: [
      {
        id: '202',
        objectWriteTraceId: '1',
        properties: { email: 'ada@example.com' },
      },
      {
        id: '201',
        objectWriteTraceId: '0',
        properties: { email: 'jos\u00e9@example.com' },
      },
    ],
  };

  it('matches results to inputs by objectWriteTraceId, not by the email they show', () => {
    expect(upsertedIds(answer, inputs)).toEqual(
      new Map([
        ['jose\u0301@example.com', '201'],
        ['ada@example.com', '202'],
      ]),
    );
    expect(upsertRejections(answer, inputs, rowsFor(inputs))).toEqual([]);
  });

  it('matches a result without a trace id by its email', () => {
    const legacy = {
      results: [{ id: '202', properties: { email: 'Ada@Example.com' } }],
    };
    expect(upsertedIds(legacy, inputs)).toEqual(
      new Map([['ada@example.com', '202']]),
    );
    expect(
      upsertRejections(legacy, inputs, rowsFor(inputs)).map(r => r.memberKey),
    ).toEqual(['m0']);
  });
});
