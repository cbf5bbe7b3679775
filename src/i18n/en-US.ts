import type { MessageKey } from './zh-CN.ts';

/** English. Complete: the type requires every key of zh-CN. */
export const enUS: Record<MessageKey, string> = {
  'error.internal':
    'Sorry, something went wrong. Please try again later. If you need help, give this reference to an admin: {ref}',
  'error.forbidden': 'You are not allowed to use {command}. Send /help to see the commands you can use.',
  'error.badArgs': 'Wrong arguments for {command}: {problem}\nUsage: {usage}',
  'command.unknown': 'There is no command {command}. Send /help to see what you can use.',
  'command.notACommand':
    'Hello! I am the {university} student union assistant. Send /help to see what I can do.',
  'command.movedToP2p': 'This involves personal information, so I have continued in a direct message.',
  'card.processing': 'Working on it…',
  'card.invalidAction': 'This button has expired. Send the command again for a fresh card.',
  'card.unknownAction': 'This button is not available. Send /help to see the commands you can use.',

  'role.student': 'student',
  'role.member': 'union member',
  'role.head': 'department head',
  'role.presidium': 'presidium',
  'role.collegeLeader': 'college union leader',
  'role.leagueBranch': 'college League branch',
  'role.partyCommittee': 'college Party committee',
  'role.leagueCommittee': 'school League committee',
  'role.admin': 'admin',

  'help.title': '{university} Student Union Assistant',
  'help.intro':
    'Hello, {name}! These are the commands you can use. Tap a button below for details and examples.',
  'help.roles': 'Your roles: {roles}',
  'help.section.general': 'General',
  'help.section.admin': 'Administration',
  'help.examples': 'Examples: {examples}',
  'help.aliases': 'Also: {aliases}',
  'help.entry': '{usage}: {summary}',
  'help.back': 'Back to contents',
  'help.empty': 'There are no commands in this section that you can use.',
  'help.footer':
    'In a group, @ me before the command; commands with personal data continue in a direct message.',

  'cmd.help.summary': 'See the commands you can use, with examples',
  'cmd.help.usage': '/help',
  'cmd.whoami.summary': 'See my roles and scope in the union',
  'cmd.whoami.usage': '/whoami',
  'cmd.budget.summary': "See this month's Feishu OpenAPI calls against the quota",
  'cmd.budget.usage': '/budget [month]',
  'cmd.budget.examples': '/budget  ·  /budget 2026-10',

  'whoami.title': 'My roles',
  'whoami.roles': 'Roles: {roles}',
  'whoami.departments': 'Departments: {departments}',
  'whoami.heads': 'Head of: {departments}',
  'whoami.colleges': '{role}: {colleges}',
  'whoami.ids': 'open_id: {openId}',

  'budget.title': 'API calls in {month}',
  'budget.total': '{used} of {quota} calls used this month (shared by all custom apps of a free-plan tenant)',
  'budget.line': '{api}: {count}',
  'budget.none': 'No calls recorded this month yet.',
  'budget.warn': 'Over 80% used: send fewer broadcasts or upgrade the plan.',
  'budget.badMonth': 'The month should look like YYYY-MM, e.g. 2026-11',
};
