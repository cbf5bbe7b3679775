/** Bad configuration: stops the start with every problem listed, one per line. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** `colleges[2].leagueBranch[0]` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(root)';
}

export function issuesToLines(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string[] {
  return issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
}
