import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layout's rules (README, "Architecture"), checked on the source as text: which
 * folder may import which, no cycles, nothing outside the store writes a key, and a
 * handler never imports another handler. A change that breaks one fails here.
 */

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

interface Import {
  /** Path relative to the repository root (`src/bot/bot.ts`), or the package name. */
  target: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /^(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    const target = spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)) : spec;
    out.push({ target, typeOnly });
  };
  for (const m of text.matchAll(IMPORT)) {
    const clause = m[3] ?? '';
    // `import { type A, type B } from` is type-only too.
    const allTypes =
      /^\{[^}]*\}\s+from\s*$/.test(clause.trim()) &&
      clause
        .replace(/[{}]/g, '')
        .replace(/\s+from\s*$/, '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .every((s) => s.startsWith('type '));
    add(m[4] as string, Boolean(m[2]) || allTypes);
  }
  for (const m of text.matchAll(DYNAMIC)) add(m[1] as string, false);
  return out;
}

const files = sourceFiles(SRC).map((f) => relative(ROOT, f));
const graph = new Map(files.map((f) => [f, importsOf(join(ROOT, f))]));

/** Every import from a file under `from` to a file under one of `to` (folder or file prefixes). */
function violations(
  from: string,
  to: readonly string[],
  allow: (file: string, i: Import) => boolean = () => false,
) {
  return [...graph].flatMap(([file, imports]) =>
    file.startsWith(from)
      ? imports
          .filter((i) => to.some((t) => i.target.startsWith(t)) && !allow(file, i))
          .map((i) => `${file} → ${i.target}`)
      : [],
  );
}

/** The handler files: those a feature's index.ts registers. */
function handlerFiles(): Set<string> {
  const out = new Set<string>();
  for (const [file, imports] of graph) {
    if (!/^src\/handlers\/[^/]+\/index\.ts$/.test(file)) continue;
    for (const i of imports) if (i.target.startsWith('src/handlers/') && !i.typeOnly) out.add(i.target);
  }
  return out;
}

describe('architecture', () => {
  it('reads the source (the check is not vacuous)', () => {
    expect(files.length).toBeGreaterThan(80);
    expect(graph.get('src/bot/bot.ts')?.some((i) => i.target === 'src/bot/context.ts')).toBe(true);
    expect(handlerFiles().size).toBeGreaterThan(15);
  });

  it('has no import cycles in src/', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const i of graph.get(file) ?? []) if (graph.has(i.target)) visit(i.target, [...path, file]);
      state.set(file, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('keeps the domain pure: no store, engine, handler, job, report or card', () => {
    expect(
      violations('src/domain/', [
        'src/store',
        'src/bot',
        'src/handlers',
        'src/schedules',
        'src/report',
        'src/cards',
        'src/messages',
        'src/runtime.ts',
        'node:',
        'ioredis',
        '@larksuiteoapi',
      ]),
    ).toEqual([]);
  });

  it('keeps the engine free of features: no handler, job, report or feature repository', () => {
    expect(
      violations(
        'src/bot/',
        ['src/handlers', 'src/schedules', 'src/report', 'src/store/repos/'],
        // The handlers' context carries the repositories as one typed value: the registry's type only.
        (_, i) => i.target === 'src/store/repos/index.ts' && i.typeOnly,
      ),
    ).toEqual([]);
  });

  it('keeps the store free of the chat: no engine, handler, job, report, card or text', () => {
    expect(
      violations('src/store/', [
        'src/bot',
        'src/handlers',
        'src/schedules',
        'src/report',
        'src/cards',
        'src/i18n',
      ]),
    ).toEqual([]);
  });

  it('lets nothing outside src/store/ write a key or build a write', () => {
    const found = files
      .filter((f) => !f.startsWith('src/store/'))
      .flatMap((f) => {
        const text = readFileSync(join(ROOT, f), 'utf8');
        return [/\bWriteOp\b/, /\.commit\(/, /\.setIfAbsent\(/, /\.hincrby\(/]
          .filter((re) => re.test(text))
          .map((re) => `${f}: ${re}`);
      });
    expect(found).toEqual([]);
    // Key names are built in one place; only the runtime creates the key space.
    expect(
      violations(
        'src/',
        ['src/store/keys.ts'],
        (file) => file.startsWith('src/store/') || file === 'src/runtime.ts',
      ),
    ).toEqual([]);
  });

  it('never lets a handler import another handler, nor a job or the report import a handler', () => {
    const handlers = handlerFiles();
    const found = [...graph].flatMap(([file, imports]) =>
      imports
        .filter((i) => handlers.has(i.target) && !/^src\/handlers\/[^/]+\/index\.ts$/.test(file))
        .map((i) => `${file} → ${i.target}`),
    );
    expect(found).toEqual([]);
    expect(violations('src/schedules/', ['src/handlers'])).toEqual([]);
    expect(violations('src/report/', ['src/handlers'])).toEqual([]);
    expect(violations('src/cards/', ['src/handlers', 'src/store', 'src/schedules'])).toEqual([]);
  });

  it('keeps the message type neutral: the store does not reach into the engine for it', () => {
    expect(graph.get('src/store/store.ts')?.map((i) => i.target)).toContain('src/messages/outbox-message.ts');
    expect(violations('src/messages/', ['src/bot', 'src/store', 'src/handlers'])).toEqual([]);
  });
});
