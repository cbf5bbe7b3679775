import type { Feature } from '../../bot/command.ts';
import { applicationCard } from './application-card.ts';
import { applicationDecide } from './application-decide.ts';
import { applicationSubmit } from './application-submit.ts';
import { apply } from './apply.ts';
import { object } from './object.ts';
import { objectionResolve } from './objection-resolve.ts';
import { pending } from './pending.ts';
import { recruit } from './recruit.ts';
import { remove } from './remove.ts';
import { removeConfirm } from './remove-confirm.ts';
import { resign } from './resign.ts';
import { resignConfirm } from './resign-confirm.ts';
import { roster } from './roster.ts';
import { status } from './status.ts';
import { withdraw } from './withdraw.ts';

/** Department recruitment (source document 二(三)): apply, the vetting chain, 公示, appointment and exit. */
export const recruitment: Feature = {
  name: 'recruitment',
  commands: [apply, withdraw, status, pending, recruit, object, resign, remove, roster],
  actions: [
    applicationSubmit,
    applicationDecide,
    applicationCard,
    objectionResolve,
    resignConfirm,
    removeConfirm,
  ],
};
