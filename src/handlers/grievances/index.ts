import type { Feature } from '../../bot/command.ts';
import { cosignCommand } from './cosign.ts';
import { feedback } from './feedback.ts';
import { ticketsQueue } from './queue.ts';
import { ticketAct } from './ticket-act.ts';
import { ticketClaim } from './ticket-claim.ts';
import { ticketCosign } from './ticket-cosign.ts';
import { ticketFile } from './ticket-file.ts';
import { ticketOpen } from './ticket-open.ts';
import { ticketRate } from './ticket-rate.ts';
import { ticketTransfer } from './ticket-transfer.ts';
import { ticketUnseal } from './ticket-unseal.ts';

/** Grievances (权益诉求, source document 二(四)2): file, triage, relay, resolve, rate, co-sign. */
export const grievances: Feature = {
  name: 'grievances',
  commands: [feedback, cosignCommand, ticketsQueue],
  actions: [
    ticketFile,
    ticketClaim,
    ticketAct,
    ticketTransfer,
    ticketUnseal,
    ticketRate,
    ticketCosign,
    ticketOpen,
  ],
};
