import type { Command } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import { objectionCard } from '../../cards/recruitment/objection-card.ts';
import { collegeName } from '../../domain/org-names.ts';
import { OBJECTION_MAX } from '../../domain/recruitment.ts';
import { cardContent } from '../../messages/content.ts';
import { objectionCardModel, objectionTrack } from './objections.ts';

const ANONYMOUS = new Set(['匿名', 'anonymous', 'anon']);
const APPLICATION_ID = /^R-\d{4}-\d{4,}$/i;

/**
 * `/object <application> [匿名] <reason>` (`/异议`): anyone may object while an
 * application is in its public notice (source document 二(三): 接受广大同学监督).
 * An anonymous objection stores no trace of who made it: not in the objection, not in
 * the trail, not in the step's journal. It must be sent in a direct chat.
 */
/**
 * A named objector as the League committee sees them: the name and college of their own
 * latest application, else the org file's name, else the contact API's name and department.
 */
async function objector(ctx: BotContext): Promise<{ name?: string; college?: string }> {
  const [own] = await ctx.repos.recruitment.ofPerson(ctx.actor.openId);
  const profile = await ctx.directory.profileOf(ctx.actor.openId);
  const name = own?.applicant.name ?? ctx.actor.name ?? profile.name;
  const college = own ? collegeName(ctx.org, own.applicant.college) : profile.department;
  return { ...(name ? { name } : {}), ...(college ? { college } : {}) };
}

export const object: Command = {
  name: 'object',
  aliases: ['异议'],
  section: 'recruitment',
  summary: 'cmd.object.summary',
  usage: 'cmd.object.usage',
  examples: 'cmd.object.examples',
  async run(ctx, command) {
    const [rawId, second] = command.args;
    if (!rawId || !APPLICATION_ID.test(rawId)) throw new UserError('object.usage');
    const id = rawId.toUpperCase();
    const anonymous = second !== undefined && ANONYMOUS.has(second.toLowerCase());
    if (anonymous && ctx.conversation.type === 'group') throw new UserError('object.anonymousInGroup');
    const words = anonymous ? 2 : 1;
    const reason = command.rest.replace(new RegExp(`^(\\S+\\s*){${words}}`), '').trim();
    if (!reason) throw new UserError('object.usage');
    if ([...reason].length > OBJECTION_MAX)
      throw new UserError('object.reasonLength', { max: OBJECTION_MAX, n: [...reason].length });

    // The repository checks the application and its notice (and refuses without writing).
    const outcome = await ctx.repos.recruitment.object(
      ctx.uow,
      id,
      {
        at: ctx.now().toISOString(),
        by: anonymous ? 'anonymous' : ctx.actor.openId,
        ...(anonymous ? {} : await objector(ctx)),
        reason,
      },
      ctx.now(),
    );
    if (!outcome.ok) {
      throw new UserError(outcome.why === 'missing' ? 'object.notFound' : 'object.notInNotice', { id });
    }
    const { objection } = outcome;
    const card = objectionCard(objectionCardModel(ctx, outcome.app, objection), ctx.t);
    const sent = ctx.sendToPeople(ctx.org.leagueCommittee, cardContent(card), {
      chatId: ctx.org.chats.leagueCommittee,
      track: objectionTrack(id, objection.n),
    });
    if (sent === 0)
      ctx.log.warn({ application: id }, 'objection: no League committee chat or people to send it to');
    ctx.reply(
      ctx.t(anonymous ? 'object.receivedAnonymous' : 'object.received', {
        id,
        name: outcome.app.applicant.name,
        n: objection.n,
      }),
    );
  },
};
