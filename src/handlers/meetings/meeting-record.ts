import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { meetingRecordedCard } from '../../cards/meetings/meeting-cards.ts';
import { validateMeeting } from '../../domain/meetings.ts';
import { meetingToday, meetingUnits, pickUnit, problemsText, saveMeeting } from './recording.ts';

/**
 * The `/meeting` form's submit button. The card is not trusted: the clicker must lead
 * the unit (checked again here, from the org file), and every field is checked as on the
 * command line, except that the form always asks for the attendance.
 */
export const meetingRecord = defineAction({
  name: 'meeting.record',
  value: z.object({ a: z.literal('meeting.record'), v: z.literal(1) }),
  async run(ctx, _value, input) {
    if (ctx.actor.units.length === 0) throw new UserError('meeting.noUnit');
    const form = input.formValue ?? {};
    const named = typeof form.unit === 'string' ? form.unit : undefined;
    const unit = pickUnit(ctx, meetingUnits(ctx), named);
    const checked = validateMeeting(
      { date: form.date, topic: form.topic, attendance: form.attendance, minutes: form.minutes },
      meetingToday(ctx),
      { attendanceRequired: true },
    );
    if (!checked.ok) {
      throw new UserError('meeting.form.invalid', {
        problems: problemsText(ctx, checked.problems, { withField: true }),
      });
    }
    const saved = await saveMeeting(ctx, unit, checked.draft);
    return {
      toast: {
        type: 'success',
        content: ctx.t('meeting.recorded.toast', { unit: unit.name, month: saved.month, count: saved.count }),
      },
      card: { type: 'raw', data: { ...meetingRecordedCard(saved.lines, ctx.t) } },
    };
  },
});
