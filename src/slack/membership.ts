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
  /**
   * How long a failed lookup is remembered before Slack is asked again (default 10 s): a burst of
   * commands while Slack refuses (ratelimited, missing_scope) must not become a burst of calls.
   */
  failureTtlMs?: number;
  now?: () => number;
  log: Logger;
}

type Entry =
  | { ok: true; members: Set<string>; fetchedAt: number }
  | { ok: false; reason: string; fetchedAt: number };

export const DEFAULT_MEMBERSHIP_TTL_MS = 5 * 60_000;
export const DEFAULT_MEMBERSHIP_FAILURE_TTL_MS = 10_000;

/**
 * User group membership with a cache: one Slack call per group per TTL however many commands
 * arrive, and one call shared by lookups that arrive while it is in flight. An expired list is
 * fetched again before it is used. When Slack cannot list a group, the group grants nothing
 * (default deny: a stale list could still name someone removed from the group) and is named in
 * `problems`, so a refusal can say why.
 */
export function createMembership(options: MembershipOptions): Membership {
  const ttlMs = options.ttlMs ?? DEFAULT_MEMBERSHIP_TTL_MS;
  const failureTtlMs = options.failureTtlMs ?? DEFAULT_MEMBERSHIP_FAILURE_TTL_MS;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Entry>();
  const inflight = new Map<string, Promise<Entry>>();

  const fetchGroup = (id: string): Promise<Entry> => {
    let pending = inflight.get(id);
    if (!pending) {
      pending = lookUp(options, id, now).then((entry) => {
        cache.set(id, entry);
        inflight.delete(id);
        return entry;
      });
      inflight.set(id, pending);
    }
    return pending;
  };

  const fresh = (entry: Entry | undefined): entry is Entry =>
    entry !== undefined && now() - entry.fetchedAt < (entry.ok ? ttlMs : failureTtlMs);

  const entryOf = async (id: string): Promise<Entry> => {
    const cached = cache.get(id);
    return fresh(cached) ? cached : fetchGroup(id);
  };

  return {
    async usergroupsOf(userId, usergroups) {
      const found = new Set<string>();
      const problems: string[] = [];
      const entries = await Promise.all(usergroups.map(async (id) => [id, await entryOf(id)] as const));
      for (const [id, entry] of entries) {
        if (!entry.ok) problems.push(`${id} (${entry.reason})`);
        else if (entry.members.has(userId)) found.add(id);
      }
      return { usergroups: found, problems };
    },
  };
}

/** Never rejects: a failure is an entry of its own, cached briefly like a success. */
async function lookUp(options: MembershipOptions, id: string, now: () => number): Promise<Entry> {
  try {
    const users = await options.list(id);
    return { ok: true, members: new Set(users), fetchedAt: now() };
  } catch (error) {
    const reason = slackErrorCode(error);
    options.log.warn(
      { err: error, usergroup: id, reason },
      'cannot list user group members: the group grants nothing until Slack answers',
    );
    return { ok: false, reason, fetchedAt: now() };
  }
}

/** Slack's error code (`missing_scope`, `no_such_subteam`) when there is one, else the message. */
export function slackErrorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } })?.data;
  if (typeof data?.error === 'string') return data.error;
  return error instanceof Error ? error.message : String(error);
}
