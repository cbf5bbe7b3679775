import { describe, expect, it } from 'vitest';
import { CardActionEventSchema, EnvelopeSchema, fastCardCallback } from '../../src/bot/envelope.ts';
import { makeCardAction } from '../helpers/fixtures.ts';

/** What zod says of a payload: the envelope and the card event, or nothing. */
function viaZod(plain: unknown) {
  const envelope = EnvelopeSchema.safeParse(plain);
  if (!envelope.success || envelope.data.header.event_type !== 'card.action.trigger') return undefined;
  const event = CardActionEventSchema.safeParse(envelope.data.event);
  return event.success ? { envelope: envelope.data, event: event.data } : undefined;
}

/** Every way of breaking one field: removed, emptied, another type, too long. */
const BREAKS: unknown[] = [undefined, null, '', 0, 1, true, [], {}, 'x'.repeat(300), { nested: 1 }];

function paths(o: unknown, prefix: string[] = []): string[][] {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return [prefix];
  return [prefix, ...Object.entries(o).flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function withValue(o: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(o) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path.at(-1);
  if (last === undefined) return value;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

describe('the card callback fast path', () => {
  const payloads = [
    makeCardAction({ value: { a: 'activity.register', id: 'A1', v: 1 }, operatorOpenId: 'ou_someone' }),
    makeCardAction({
      value: { a: 'ticket.act', id: 'Q-2026-0001', d: 'reply', v: 1 },
      formValue: { message: 'hi' },
    }),
  ];

  it('accepts what Feishu sends, as zod reads it', () => {
    for (const p of payloads) {
      const fast = fastCardCallback(p);
      expect(fast).toBeDefined();
      expect(viaZod(p)).toBeDefined();
      expect(fast?.event.operator.open_id).toBe(viaZod(p)?.event.operator.open_id);
      expect(fast?.event.action.value).toEqual(viaZod(p)?.event.action.value);
    }
  });

  it('never accepts a payload zod refuses, whatever field is broken', () => {
    let refused = 0;
    for (const p of payloads) {
      for (const path of paths(p)) {
        for (const value of BREAKS) {
          const broken = withValue(p, path, value);
          if (viaZod(broken) === undefined) {
            refused += 1;
            expect({
              path: path.join('.'),
              value,
              fast: fastCardCallback(broken) !== undefined,
            }).toMatchObject({
              fast: false,
            });
          }
        }
      }
    }
    expect(refused).toBeGreaterThan(50);
  });
});
