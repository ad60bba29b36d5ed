import { EmulatorClock } from './EmulatorClock';
import { MembershipLedger } from './MembershipLedger';

describe('MembershipLedger', () => {
  it('applies at once with no delay; re-adding and removing non-members change nothing', () => {
    const ledger = MembershipLedger.create({
      applyDelayMs: 0,
      clock: EmulatorClock.create(),
    });
    ledger.accept('vip', 'add', ['b', 'a']);
    ledger.accept('vip', 'add', ['a']);
    ledger.accept('vip', 'remove', ['z']);
    expect(ledger.members('vip')).toEqual(['a', 'b']);
    expect(ledger.members('other')).toEqual([]);
    expect(ledger.pendingCount).toBe(0);
  });

  it('holds changes until flushed, then applies them in the order accepted', () => {
    const ledger = MembershipLedger.create({
      applyDelayMs: null,
      clock: EmulatorClock.create(),
    });
    ledger.accept('vip', 'add', ['a', 'b']);
    ledger.accept('vip', 'remove', ['a']);
    ledger.accept('vip', 'add', ['c']);
    expect(ledger.members('vip')).toEqual([]);
    expect(ledger.pendingCount).toBe(3);

    expect(ledger.flush()).toBe(3);
    expect(ledger.members('vip')).toEqual(['b', 'c']);
    expect(ledger.pendingCount).toBe(0);
  });

  it('applies delayed changes once the emulator clock reaches them', () => {
    const clock = EmulatorClock.create();
    const ledger = MembershipLedger.create({ applyDelayMs: 60_000, clock });
    ledger.accept('vip', 'add', ['a']);
    expect(ledger.applyDue()).toBe(0);

    clock.advance(60_000);
    expect(ledger.applyDue()).toBe(1);
    expect(ledger.members('vip')).toEqual(['a']);
    ledger.close();
  });

  it('applies delayed changes on its own timer', async () => {
    const ledger = MembershipLedger.create({
      applyDelayMs: 20,
      clock: EmulatorClock.create(),
    });
    ledger.accept('vip', 'add', ['a']);
    expect(ledger.members('vip')).toEqual([]);
    await new Promise(resolve => setTimeout(resolve, 60));
    expect(ledger.members('vip')).toEqual(['a']);
  });

  it('forgets members and pending changes on reset', () => {
    const ledger = MembershipLedger.create({
      applyDelayMs: null,
      clock: EmulatorClock.create(),
    });
    ledger.accept('vip', 'add', ['a']);
    ledger.flush();
    ledger.accept('vip', 'add', ['b']);
    ledger.reset();
    expect(ledger.members('vip')).toEqual([]);
    expect(ledger.flush()).toBe(0);
  });
});
