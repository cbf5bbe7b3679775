import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { fileTicket } from './filing.ts';

const yes = (v: unknown) => v === 'yes' || v === true;

/**
 * The form's submit button (`/诉求`), a category button (`/诉求 <text>`), or "仍然提交"
 * after a similar ticket was offered. Every field is checked again; the form becomes the
 * reporter's card.
 */
export const ticketFile = defineAction({
  name: 'ticket.file',
  value: z.object({
    a: z.literal('ticket.file'),
    v: z.literal(1),
    c: z.string().max(64).optional(),
    t: z.string().max(4000).optional(),
    an: z.union([z.literal(0), z.literal(1)]).optional(),
    f: z.literal(1).optional(),
  }),
  async run(ctx, value, input) {
    const form = input.formValue ?? {};
    const fromForm = value.t === undefined;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const draft = fromForm
      ? {
          category: text(form.category),
          ...(text(form.college) ? { college: text(form.college) } : {}),
          text: text(form.text),
          anonymous: yes(form.anonymous),
          contact: yes(form.contact),
          cosignable: form.cosignable === undefined ? true : yes(form.cosignable),
        }
      : {
          category: value.c ?? '',
          text: value.t ?? '',
          anonymous: value.an === 1,
          contact: false,
          cosignable: true,
        };
    const answer = await fileTicket(ctx, draft, {
      force: value.f === 1,
      ...(input.messageId ? { formCard: input.messageId } : {}),
    });
    return answer ?? {};
  },
});
