import type { BotContext } from '../../bot/context.ts';
import type { Org } from '../../config/org.ts';
import {
  departmentWindows,
  parseWindowOverride,
  type WindowOverride,
  type WindowState,
  windowState,
} from '../../domain/recruitment-window.ts';
import { dateOf } from '../../lib/dates.ts';
import type { KeySpace } from '../keys.ts';
import type { Store } from '../store.ts';

/** The presidium's overrides of every department, read with one MGET. */
export async function windowOverrides(
  store: Store,
  keys: KeySpace,
  org: Org,
): Promise<Map<string, WindowOverride>> {
  const ids = org.departments.map((d) => d.id);
  const raws = await store.mget(ids.map((id) => keys.recruitWindow(id)));
  const out = new Map<string, WindowOverride>();
  ids.forEach((id, i) => {
    const override = parseWindowOverride(raws[i]);
    if (override) out.set(id, override);
  });
  return out;
}

/** Every department with whether it recruits now, in org order. */
export async function recruitmentWindows(
  store: Store,
  keys: KeySpace,
  org: Org,
  now: Date,
): Promise<{ id: string; name: string; state: WindowState }[]> {
  return departmentWindows(org, await windowOverrides(store, keys, org), dateOf(now, org.timezone));
}

/** Opens or closes a department's recruitment (the override wins over the org file); returns the new state. */
export async function setRecruitWindow(
  ctx: BotContext,
  department: string,
  override: WindowOverride,
): Promise<WindowState> {
  const key = ctx.keys.recruitWindow(department);
  await ctx.transact({
    watch: [key],
    plan: () => ({ writes: [{ op: 'set', key, value: JSON.stringify(override) }], result: null }),
  });
  return windowState(ctx.org.recruitment.windows[department], override, dateOf(ctx.now(), ctx.org.timezone));
}
