import type { Logger } from '../logger.js';

/** Lists a user group's members (Slack: `usergroups.users.list`, scope `usergroups:read`). */
export type ListUsergroupMembers = (usergroupId: string) => Promise<string[]>;

export interface Membership {
  /** Which of `usergroups` the user belongs to; `problems` names groups that could not be checked. */
  usergroupsOf(
    userId: string,
    usergroups: readonly string[],
  ): Promise<{ usergroups: Set<string>; problems: string[] }>;
}

export interface MembershipOptions {
  list: ListUsergroupMembers;
  /** How long a group's member list is trusted (default 5 minutes). */
  ttlMs?: number;
  now?: () => number;
  log: Logger;
}

interface Entry {
  members: Set<string>;
  fetchedAt: number;
}

/**
 * User group membership with a cache: one Slack call per group per TTL however many commands
 * arrive. When Slack cannot be asked, a stale list is used rather than refusing everyone; with no
 * list at all the group is skipped and named in `problems`, so a refusal can say why.
 */
export function createMembership(options: MembershipOptions): Membership {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Entry>();
  const inflight = new Map<string, Promise<Entry>>();

  const fetchGroup = (id: string): Promise<Entry> => {
    let pending = inflight.get(id);
    if (!pending) {
      pending = options
        .list(id)
        .then((users) => {
          const entry = { members: new Set(users), fetchedAt: now() };
          cache.set(id, entry);
          return entry;
        })
        .finally(() => inflight.delete(id));
      inflight.set(id, pending);
    }
    return pending;
  };

  const membersOf = async (id: string): Promise<Set<string> | string> => {
    const cached = cache.get(id);
    if (cached && now() - cached.fetchedAt < ttlMs) return cached.members;
    try {
      return (await fetchGroup(id)).members;
    } catch (error) {
      const reason = slackErrorCode(error);
      options.log.warn({ err: error, usergroup: id }, 'cannot list user group members');
      return cached ? cached.members : `${id} (${reason})`;
    }
  };

  return {
    async usergroupsOf(userId, usergroups) {
      const found = new Set<string>();
      const problems: string[] = [];
      const lists = await Promise.all(usergroups.map(async (id) => [id, await membersOf(id)] as const));
      for (const [id, members] of lists) {
        if (typeof members === 'string') problems.push(members);
        else if (members.has(userId)) found.add(id);
      }
      return { usergroups: found, problems };
    },
  };
}

/** Slack's error code (`missing_scope`, `no_such_subteam`) when there is one, else the message. */
export function slackErrorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } })?.data;
  if (typeof data?.error === 'string') return data.error;
  return error instanceof Error ? error.message : String(error);
}
