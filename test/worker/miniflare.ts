import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { Miniflare, type MiniflareOptions } from 'miniflare';

export const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(ROOT, '.worker/test');

/** As in wrangler.toml. */
export const WORKER_OPTIONS = {
  modules: true,
  compatibilityDate: '2026-04-26',
  compatibilityFlags: ['nodejs_compat'],
  cf: false,
} satisfies Partial<MiniflareOptions>;

/** Bundles the store host (test/worker/store-host.ts) for workerd; returns the file. */
export async function buildStoreHost(): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const outfile = resolve(OUT, 'store-host.js');
  await build({
    entryPoints: [resolve(ROOT, 'test/worker/store-host.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    logLevel: 'error',
  });
  return outfile;
}

/** A Miniflare running the store host, its object on SQLite storage. */
export async function storeHost(): Promise<Miniflare> {
  const scriptPath = await buildStoreHost();
  return new Miniflare({
    ...WORKER_OPTIONS,
    scriptPath,
    durableObjects: { UNION_BOT: { className: 'StoreHost', useSQLite: true } },
  });
}

/**
 * Builds the deployable bundle as `npm run build:worker` does (the same script, with the
 * given org file) into its own directory; returns the bundle's path.
 */
export function buildWorkerBundle(org: string): string {
  const outdir = resolve(OUT, 'dist');
  const run = spawnSync(
    process.execPath,
    [
      resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      'scripts/build-worker.ts',
      '--org',
      org,
      '--outdir',
      outdir,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`build:worker failed:\n${run.stdout}\n${run.stderr}`);
  return resolve(outdir, 'worker.js');
}
