/**
 * Every key the bot writes, in one place. All start with a prefix (default `sub:`,
 * `REDIS_PREFIX`), so several deployments or test files can share one Redis.
 *
 * | key | type | what |
 * | --- | --- | --- |
 * | `inbox` | stream, group `bot` | acknowledged events waiting to be handled |
 * | `inbox:dead` | list | events that failed too often |
 * | `outbox` | stream, group `sender` | messages waiting to be sent |
 * | `outbox:dead` | list | messages Feishu refused or that failed too often |
 * | `seen:<id>` | string, 24 h | inbound dedupe (`msg:<keyed hash of message_id>`, `evt:<event_id>`) |
 * | `consumer:<name>` | string, 10 s | a live process's heartbeat (its host and pid); gone = dead, its pending entries are taken over |
 * | `done:<update>:<step>` | string, 7 d | journal: a step of an update that was committed, with its result |
 * | `person:<ref>` | string | a person named in the org file, resolved to Feishu ids |
 * | `profile:<open_id>` | string, 7 d (1 d when unknown) | someone outside the org file: name and Feishu department, from the contact API |
 * | `bot:info` | string, 1 d | the bot's own open_id and name |
 * | `api:<yyyy-mm>` | hash, 62 d | OpenAPI calls per month, by API |
 * | `sent:<track>` | set | message ids of the copies of one card (to update them all) |
 * | `job:done:<job>:<period>` | string, 400 d | a job's period that is finished (or given up) |
 * | `job:lock:<job>:<period>` | string, 10 min | the runner that claimed a period |
 * | `job:last:<job>` | string | a job's last finished period (`npm run job -- --list`) |
 * | `job:failures:<job>` | hash period → count | failed runs of a period |
 * | `job:first-start` | string (ISO) | when the scheduler first ran here: periods that ended before are never caught up |
 * | `report:<yyyy-mm>` | string | the month's work report once sent to the League committee: when, by whom, its numbers |
 * | `meetings:<yyyy-mm>:<unit>` | string (JSON, v1) | a unit's study meetings in a month: date, topic, attendance, minutes, who recorded |
 * | `app:<id>` | string | an application (JSON, `ApplicationSchema`) |
 * | `app:open:<open_id>` | string | the id of a student's open application |
 * | `app:seq:<year>` | string | the last application number of the year |
 * | `app:student:<number>` | string | the open_id a student number belongs to (one person per number) |
 * | `apps:review` | set | ids of applications in review |
 * | `apps:notice` | sorted set | ids in public notice, by the end of the notice (ms) |
 * | `apps:created` | sorted set | every application id, by creation time (ms) |
 * | `apps:of:<open_id>` | set | a person's applications (for /status) |
 * | `seats:<department>` / `seats:presidium` | set | open_ids holding (or reserved for) a seat |
 * | `seats:union` | set | open_ids holding any seat: the union's headcount |
 * | `seats:seeded` | set | org-file people already given their seat (seeded once) |
 * | `member:<open_id>` | string | the departments a person is an appointed member of |
 * | `recruit:<department>` | string | recruitment opened or closed by the presidium |
 * | `exits` | sorted set, by time (ms) | exit log: JSON `{ at, openId, department, action, by, reason? }` per resignation or removal |
 * | `ticket:<id>` | string | a grievance ticket (JSON, `TicketSchema`); an anonymous reporter only sealed |
 * | `ticket:seq` | hash | the last ticket number of each year (field: the year) |
 * | `ticket:num:<update>` | string, 7 d | the number an update took (a retry or redelivery files under it again) |
 * | `tickets:active` | sorted set | tickets not closed, by creation time (ms): queues, service levels |
 * | `tickets:created` | sorted set | every ticket, by creation time (ms): statistics, retention |
 * | `act:seq` | hash | the last activity number (field `n`) |
 * | `act:<id>` | string | an activity (JSON, `ActivitySchema`) |
 * | `act:<id>:seats:{seated,waiting,offers,n}` | zset, zset, hash, hash | its seat list (see SeatLists) |
 * | `act:<id>:attendance` | hash | open_id → `attended` / `excused:<reason>` |
 * | `act:<id>:card-at` | string, 5 s | the published card was just updated: the next update waits (throttle) |
 * | `act:<id>:card-dirty` | string | registrations changed since the published card was updated (a job updates it) |
 * | `act:<id>:offers-told` | hash | open_id → the offer's end (ms) the person was sent a card for |
 * | `acts:by-start` | sorted set | activity ids by start time (ms) |
 * | `student:<open_id>` | string | a student's college and grade, for eligibility |
 * | `tickets:of:<pseudonym>` | set | a reporter's tickets, under a keyed hash of their open_id (never the id) |
 */
export function keySpace(prefix: string) {
  return {
    prefix,
    inbox: `${prefix}inbox`,
    inboxDead: `${prefix}inbox:dead`,
    outbox: `${prefix}outbox`,
    outboxDead: `${prefix}outbox:dead`,
    seen: (id: string) => `${prefix}seen:${id}`,
    consumer: (name: string) => `${prefix}consumer:${name}`,
    done: (update: string, step: string) => `${prefix}done:${update}:${step}`,
    person: (ref: string) => `${prefix}person:${ref}`,
    profile: (openId: string) => `${prefix}profile:${openId}`,
    botInfo: `${prefix}bot:info`,
    apiCalls: (month: string) => `${prefix}api:${month}`,
    sent: (track: string) => `${prefix}sent:${track}`,
    job: (kind: 'done' | 'lock' | 'last' | 'failures', job: string) => `${prefix}job:${kind}:${job}`,
    schedulerFirstStart: `${prefix}job:first-start`,
    application: (id: string) => `${prefix}app:${id}`,
    openApplication: (openId: string) => `${prefix}app:open:${openId}`,
    applicationSeq: (year: string) => `${prefix}app:seq:${year}`,
    studentNumber: (number: string) => `${prefix}app:student:${number}`,
    appsInReview: `${prefix}apps:review`,
    appsInNotice: `${prefix}apps:notice`,
    appsCreated: `${prefix}apps:created`,
    applicationsOf: (openId: string) => `${prefix}apps:of:${openId}`,
    seats: (unit: string) => `${prefix}seats:${unit}`,
    seatsUnion: `${prefix}seats:union`,
    seatsSeeded: `${prefix}seats:seeded`,
    member: (openId: string) => `${prefix}member:${openId}`,
    recruitWindow: (department: string) => `${prefix}recruit:${department}`,
    ticket: (id: string) => `${prefix}ticket:${id}`,
    ticketSeq: `${prefix}ticket:seq`,
    ticketNumber: (update: string) => `${prefix}ticket:num:${update}`,
    ticketsActive: `${prefix}tickets:active`,
    ticketsCreated: `${prefix}tickets:created`,
    ticketsOf: (pseudonym: string) => `${prefix}tickets:of:${pseudonym}`,
    activitySeq: `${prefix}act:seq`,
    activity: (id: string) => `${prefix}act:${id}`,
    activitySeats: (id: string) => `${prefix}act:${id}:seats`,
    attendance: (id: string) => `${prefix}act:${id}:attendance`,
    activityCardAt: (id: string) => `${prefix}act:${id}:card-at`,
    activityCardDirty: (id: string) => `${prefix}act:${id}:card-dirty`,
    activityOffersTold: (id: string) => `${prefix}act:${id}:offers-told`,
    activitiesByStart: `${prefix}acts:by-start`,
    studentProfile: (openId: string) => `${prefix}student:${openId}`,
    exits: `${prefix}exits`,
    report: (month: string) => `${prefix}report:${month}`,
    meetings: (month: string, unit: string) => `${prefix}meetings:${month}:${unit}`,
  };
}

export type KeySpace = ReturnType<typeof keySpace>;
