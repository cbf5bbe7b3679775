import type { BotContext } from '../../bot/context.ts';
import type { Application } from '../../domain/recruitment.ts';

/**
 * Posts the public notice (公示) for an application that passed the panel.
 * (Scaffold: the notice feature writes the card to the announcements chat.)
 */
export function postNotice(_ctx: BotContext, _app: Application): void {}
