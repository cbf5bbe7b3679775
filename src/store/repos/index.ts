import type { Org } from '../../config/org.ts';
import type { Sealer } from '../../lib/seal.ts';
import { ApiUsage } from '../api-usage.ts';
import type { KeySpace } from '../keys.ts';
import { SentCards } from '../sent-cards.ts';
import type { Store } from '../store.ts';
import { ActivitiesRepo } from './activities.ts';
import { MeetingsRepo } from './meetings.ts';
import { MembershipRepo } from './membership.ts';
import { RecruitmentRepo } from './recruitment.ts';
import { ReportRepo } from './report.ts';
import { TicketsRepo } from './tickets.ts';

/**
 * Every repository, created once per process and reached by handlers and jobs as
 * `ctx.repos.<name>`. A feature adds its repository with a line here. Each owns its keys,
 * its writes and its record schemas: nothing outside `src/store/` writes a key.
 */
export interface Repos {
  membership: MembershipRepo;
  recruitment: RecruitmentRepo;
  meetings: MeetingsRepo;
  report: ReportRepo;
  tickets: TicketsRepo;
  activities: ActivitiesRepo;
  /** OpenAPI calls per month (`/budget`). */
  usage: ApiUsage;
  /** The copies of a card the bot sent (to update them all). */
  cards: SentCards;
}

export function createRepos(store: Store, keys: KeySpace, org: Org, sealer?: Sealer): Repos {
  const membership = new MembershipRepo(store, keys, org);
  return {
    membership,
    recruitment: new RecruitmentRepo(store, keys, org, membership),
    meetings: new MeetingsRepo(store, keys),
    report: new ReportRepo(store, keys),
    tickets: new TicketsRepo(store, keys, org),
    activities: new ActivitiesRepo(store, keys),
    usage: new ApiUsage(store, keys),
    cards: new SentCards(store, keys, sealer),
  };
}
