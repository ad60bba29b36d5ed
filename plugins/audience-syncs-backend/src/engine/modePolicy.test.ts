import { modePolicy, plannedChanges } from './modePolicy';

describe('modePolicy', () => {
  const counts = { joined: 5, departed: 3, changed: 2 };

  it('Mirror sends everything: adds, removes, a re-key as remove then add, updates', () => {
    const policy = modePolicy('mirror');
    expect(policy).toEqual({
      addJoined: true,
      removeDeparted: true,
      rekey: 'replace',
      sendUpdates: true,
    });
    expect(plannedChanges(policy, counts)).toEqual({
      adds: 5,
      removes: 3,
      updates: 2,
    });
  });

  it('Additive never removes: a re-key only adds the new identifier', () => {
    const policy = modePolicy('additive');
    expect(policy).toEqual({
      addJoined: true,
      removeDeparted: false,
      rekey: 'add',
      sendUpdates: true,
    });
    expect(plannedChanges(policy, counts)).toEqual({
      adds: 5,
      removes: 0,
      updates: 2,
    });
  });

  it('Subtractive only removes: joiners and changes are recorded, a baseline', () => {
    const policy = modePolicy('subtractive');
    expect(policy).toEqual({
      addJoined: false,
      removeDeparted: true,
      rekey: 'record',
      sendUpdates: false,
    });
    expect(plannedChanges(policy, counts)).toEqual({
      adds: 0,
      removes: 3,
      updates: 0,
    });
  });

  it('refuses a mode it does not know', () => {
    expect(() => modePolicy('replace' as any)).toThrow(
      "Unknown sync mode 'replace'",
    );
    expect(() => modePolicy('toString' as any)).toThrow(
      "Unknown sync mode 'toString'",
    );
  });
});
