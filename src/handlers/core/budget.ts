import type { Command } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { quotaMonth } from '../../bot/lark-client.ts';
import { hasRole } from '../../domain/roles.ts';

/** `/budget [YYYY-MM]`: OpenAPI calls counted this month against the tenant's quota (SPEC §8). */
export const budget: Command = {
  name: 'budget',
  aliases: ['用量', 'quota'],
  section: 'admin',
  summary: 'cmd.budget.summary',
  usage: 'cmd.budget.usage',
  examples: 'cmd.budget.examples',
  allowed: (actor) => hasRole(actor, 'admin', 'presidium'),
  async run(ctx, command) {
    const month = command.args[0] ?? quotaMonth(ctx.now());
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UserError('budget.badMonth');
    const usage = await ctx.repos.usage.usage(month);
    const rows = Object.entries(usage).sort((a, b) => b[1] - a[1]);
    const used = rows.reduce((sum, [, n]) => sum + n, 0);
    const quota = ctx.org.apiQuota;
    const lines = [ctx.t('budget.title', { month }), ctx.t('budget.total', { used, quota })];
    if (rows.length === 0) lines.push(ctx.t('budget.none'));
    for (const [api, count] of rows) lines.push(ctx.t('budget.line', { api, count }));
    if (quota > 0 && used >= quota * 0.8) lines.push(ctx.t('budget.warn'));
    ctx.reply(lines.join('\n'));
  },
};
