import { formatDuration } from '../../engine/index.js';
import { describeHosts, type GroupInfo, type Host } from '../../inventory/index.js';
import { SLASH_COMMAND } from '../ids.js';
import {
  type Block,
  context,
  escapeKeepingMentions,
  escapeMrkdwn,
  inlineCode,
  nameList,
  packSections,
  plural,
  type SlackMessage,
  section,
  truncate,
} from './mrkdwn.js';

/** Answers only the asker sees (help, listings, refusals). */

/** `message` is plain text (backticks allowed); what a user typed inside it cannot become markup. */
export function refusalMessage(message: string): SlackMessage {
  return {
    text: truncate(message, 3_000),
    blocks: [section(`:no_entry: ${escapeKeepingMentions(message)}`)],
  };
}

export function noticeMessage(message: string): SlackMessage {
  return { text: truncate(message, 3_000), blocks: [section(escapeKeepingMentions(message))] };
}

const C = SLASH_COMMAND;

export function helpMessage(allowedCommands: readonly string[] | undefined): SlackMessage {
  const lines = [
    `*${C} <command> <target>* runs a command on every device of the target; each device's output comes as a reply in the job's thread, then a summary. The last word is the target.`,
    `• ${inlineCode(`${C} show version core-routers`)}`,
    `• ${inlineCode(`${C} "show ip int brief | include up" edge-switches`)} — quote a command that has spaces and pipes`,
    `• Targets: a group, a host, ${inlineCode('all')}, a comma list ${inlineCode('r1,r2')}, ${inlineCode('!r3')} to leave one out, filters ${inlineCode('role=core')}`,
    `*${C} groups* lists the groups · *${C} devices <target>* shows what a target selects`,
    `*${C} jobs* lists running jobs · *${C} cancel <job>* stops one (its requester or an admin)`,
  ];
  const permission = allowedCommands
    ? `You may run: ${allowedCommands.map((p) => inlineCode(p)).join(', ')}`
    : 'You are not in netrun’s policy yet: ask a netrun admin to add you.';
  return { text: `${C} help`, blocks: [...packSections(lines).map((s) => section(s)), context(permission)] };
}

export function groupsMessage(groups: readonly GroupInfo[], limit = 60): SlackMessage {
  if (groups.length === 0)
    return noticeMessage('The inventory defines no groups. Target hosts by name, or `all`.');
  const lines = groups.slice(0, limit).map((g) => {
    const about = g.description ? ` — ${escapeMrkdwn(truncate(g.description, 120))}` : '';
    return `• *${escapeMrkdwn(g.name)}* · ${plural(g.hostCount, 'device')}${about}`;
  });
  if (groups.length > limit) lines.push(`… and ${groups.length - limit} more`);
  const blocks: Block[] = [
    section(`*Groups* (${groups.length})`),
    ...packSections(lines)
      .slice(0, 45)
      .map((s) => section(s)),
  ];
  return { text: `${groups.length} groups`, blocks };
}

export function devicesMessage(target: string, hosts: readonly Host[]): SlackMessage {
  const names = hosts.map((h) => h.name);
  const blocks: Block[] = [
    section(`*${escapeMrkdwn(truncate(target, 300))}* selects ${escapeMrkdwn(describeHosts(hosts))}`),
    section(nameList(names, 2_800)),
  ];
  return { text: `${target}: ${describeHosts(hosts)}`.slice(0, 3_000), blocks };
}

export interface JobListing {
  jobId: string;
  requester: string;
  channel: string;
  command: string;
  target: string;
  done: number;
  total: number;
  elapsedMs: number;
}

export function jobsMessage(jobs: readonly JobListing[]): SlackMessage {
  if (jobs.length === 0) return noticeMessage('No jobs are running.');
  const lines = jobs.map(
    (j) =>
      `• ${inlineCode(j.jobId)} · <@${j.requester}> · ${inlineCode(truncate(j.command, 120))} on *${escapeMrkdwn(truncate(j.target, 80))}* · ${j.done}/${j.total} done · ${formatDuration(j.elapsedMs)} · <#${j.channel}>`,
  );
  return {
    text: `${plural(jobs.length, 'job')} running`,
    blocks: [
      section(`*Running jobs* (${jobs.length})`),
      ...packSections(lines)
        .slice(0, 45)
        .map((s) => section(s)),
    ],
  };
}
