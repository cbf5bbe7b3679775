/** JSON with Maps and Sets (a commit's checks and snapshots), for the store host's small RPC. */
export function encode(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return { $map: [...v.entries()] };
    if (v instanceof Set) return { $set: [...v] };
    if (v === undefined) return { $undef: 1 };
    if (v === Infinity) return { $num: 'Infinity' };
    if (v === -Infinity) return { $num: '-Infinity' };
    return v;
  });
}

export function decode(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as { $map?: [unknown, unknown][]; $set?: unknown[]; $num?: string; $undef?: 1 };
      if (o.$undef) return undefined;
      if (o.$map) return new Map(o.$map);
      if (o.$set) return new Set(o.$set);
      if (o.$num) return Number(o.$num);
    }
    return v;
  });
}
