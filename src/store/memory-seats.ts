import type { SeatLists, SeatStanding } from './store.ts';

interface ListState {
  seated: Map<string, number>;
  waiting: Map<string, number>;
  offers: Map<string, number>;
  seatN: number;
  waitN: number;
}

const ordered = (m: Map<string, number>) => [...m.entries()].sort((a, b) => a[1] - b[1]).map(([k]) => k);

/**
 * Seat lists in memory (local mode, tests): JavaScript runs one callback at a time, so
 * each call, having no `await` inside, is atomic like the Redis script.
 */
export class MemorySeatLists implements SeatLists {
  private readonly lists = new Map<string, ListState>();
  /** Set by the store to fail like an unreachable store. */
  check: () => void = () => {};

  private get(list: string): ListState {
    let s = this.lists.get(list);
    if (!s) {
      s = { seated: new Map(), waiting: new Map(), offers: new Map(), seatN: 0, waitN: 0 };
      this.lists.set(list, s);
    }
    return s;
  }

  private where(s: ListState, member: string): SeatStanding {
    if (s.seated.has(member))
      return { state: 'seated', position: ordered(s.seated).indexOf(member) + 1, seated: s.seated.size };
    const until = s.offers.get(member);
    if (until !== undefined) return { state: 'offered', until };
    if (s.waiting.has(member)) return { state: 'waiting', position: ordered(s.waiting).indexOf(member) + 1 };
    return { state: 'none' };
  }

  private fill(s: ListState, capacity: number, offerUntil: number): string[] {
    const offered: string[] = [];
    while (s.seated.size + s.offers.size < capacity && s.waiting.size > 0) {
      const [first] = ordered(s.waiting);
      if (first === undefined) break;
      s.waiting.delete(first);
      s.offers.set(first, offerUntil);
      offered.push(first);
    }
    return offered;
  }

  async join(list: string, member: string, o: { capacity: number; waitlist: boolean; pool?: boolean }) {
    this.check();
    const s = this.get(list);
    const now = this.where(s, member);
    if (now.state !== 'none') return now;
    if (!o.pool && s.seated.size + s.offers.size < o.capacity && s.waiting.size === 0) {
      s.seated.set(member, ++s.seatN);
      return { state: 'seated' as const, position: s.seated.size, seated: s.seated.size };
    }
    if (!o.waitlist && !o.pool) return { state: 'full' as const };
    s.waiting.set(member, ++s.waitN);
    return { state: 'waiting' as const, position: s.waiting.size };
  }

  async leave(list: string, member: string, o: { capacity: number; offerUntil: number }) {
    this.check();
    const s = this.get(list);
    const was = this.where(s, member).state;
    s.seated.delete(member);
    s.waiting.delete(member);
    s.offers.delete(member);
    const [offered] = was === 'seated' || was === 'offered' ? this.fill(s, o.capacity, o.offerUntil) : [];
    return { was, ...(offered ? { offered } : {}) };
  }

  async accept(list: string, member: string, now: number): Promise<SeatStanding> {
    this.check();
    const s = this.get(list);
    const until = s.offers.get(member);
    if (until === undefined || until < now) return this.where(s, member);
    s.offers.delete(member);
    s.seated.set(member, ++s.seatN);
    return this.where(s, member);
  }

  async expire(list: string, o: { capacity: number; now: number; offerUntil: number }) {
    this.check();
    const s = this.get(list);
    const expired = [...s.offers].filter(([, until]) => until < o.now).map(([m]) => m);
    for (const m of expired) s.offers.delete(m);
    return { expired, offered: this.fill(s, o.capacity, o.offerUntil) };
  }

  async arrange(list: string, seated: readonly string[], waiting: readonly string[]): Promise<void> {
    this.check();
    const s = this.get(list);
    s.seated.clear();
    s.waiting.clear();
    s.offers.clear();
    for (const m of seated) s.seated.set(m, ++s.seatN);
    for (const m of waiting) s.waiting.set(m, ++s.waitN);
  }

  async read(list: string) {
    this.check();
    const s = this.get(list);
    return { seated: ordered(s.seated), waiting: ordered(s.waiting), offers: Object.fromEntries(s.offers) };
  }

  async standing(list: string, member: string): Promise<SeatStanding> {
    this.check();
    return this.where(this.get(list), member);
  }
}
