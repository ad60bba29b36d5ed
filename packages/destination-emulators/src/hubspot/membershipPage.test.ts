import { HubSpotList } from './HubSpotPortal';
import { membershipPage } from './membershipPage';

function list(ids: number[]): HubSpotList {
  return {
    listId: '7',
    name: 'Newsletter',
    objectTypeId: '0-1',
    processingType: 'MANUAL',
    listVersion: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    members: new Map(ids.map(id => [String(id), '2026-01-01T00:00:00.000Z'])),
  };
}

const page = (l: HubSpotList, query: Record<string, unknown>) => {
  const answer = membershipPage(l, query);
  if (typeof answer === 'string') throw new Error(answer);
  return answer;
};

describe('membershipPage', () => {
  it('pages in record id order, 100 by default, with a cursor until the last page', () => {
    const members = list(Array.from({ length: 150 }, (_, i) => 300 - i));
    const first = page(members, {});
    expect(first.results).toHaveLength(100);
    expect(first.results[0].recordId).toBe('151');
    expect(first.total).toBe(150);
    const second = page(members, { after: first.paging!.next.after });
    expect(second.results.map(r => r.recordId)).toEqual(
      Array.from({ length: 50 }, (_, i) => String(251 + i)),
    );
    expect(second.paging).toBeUndefined();
  });

  it('neither repeats nor skips a member that stays when others leave between pages', () => {
    const members = list([1, 2, 3, 4, 5, 6]);
    const first = page(members, { limit: 3 });
    members.members.delete('1');
    members.members.delete('2');
    const second = page(members, { limit: 3, after: first.paging!.next.after });
    expect(second.results.map(r => r.recordId)).toEqual(['4', '5', '6']);
  });

  it.each([
    [{ limit: '251' }, /^limit: /],
    [{ limit: '0' }, /^limit: /],
    [{ limit: 'ten' }, /^limit: /],
    [{ after: 'bm90LWEtY3Vyc29y' }, /^after: /],
  ])('refuses %p, naming the parameter', (query, message) => {
    expect(membershipPage(list([1]), query)).toMatch(message);
  });
});
