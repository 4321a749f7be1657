import { describe, expect, it } from 'vitest';
import { signalEventId } from '../../../shared/domain/signals/eventDocument';

describe('event ids', () => {
  it('are the same for the same decision, however the time is written', () => {
    const a = signalEventId('price-level', '74500', 'raised', '2026-01-05T10:00:00Z');
    const b = signalEventId('price-level', '74500', 'raised', '2026-01-05T10:00:00.000Z');
    const c = signalEventId('price-level', '74500', 'raised', '2026-01-05T11:00:00+01:00');
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('differ when any part of the decision differs', () => {
    const base = signalEventId('price-level', '74500', 'raised', '2026-01-05T10:00:00Z');
    const others = [
      signalEventId('price-level', '74500', 'cleared', '2026-01-05T10:00:00Z'),
      signalEventId('price-level', '70000', 'raised', '2026-01-05T10:00:00Z'),
      signalEventId('hashprice-floor', '74500', 'raised', '2026-01-05T10:00:00Z'),
      signalEventId('price-level', '74500', 'raised', '2026-01-05T10:10:00Z'),
    ];
    expect(new Set([base, ...others]).size).toBe(5);
  });
});
