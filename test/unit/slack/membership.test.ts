import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { createMembership } from '../../../src/slack/index.js';

function setup(groups: Record<string, string[] | Error>) {
  let now = 0;
  const asked: string[] = [];
  const membership = createMembership({
    list: async (id) => {
      asked.push(id);
      const members = groups[id];
      if (members instanceof Error) throw members;
      if (!members) throw Object.assign(new Error('no_such_subteam'), { data: { error: 'no_such_subteam' } });
      return members;
    },
    ttlMs: 60_000,
    now: () => now,
    log: silentLogger(),
  });
  return { membership, asked, tick: (ms: number) => (now += ms) };
}

describe('createMembership', () => {
  it('says which of the given user groups a user is in', async () => {
    const { membership } = setup({ S1: ['U1', 'U2'], S2: ['U3'] });
    expect(await membership.usergroupsOf('U1', ['S1', 'S2'])).toEqual({
      usergroups: new Set(['S1']),
      problems: [],
    });
    expect((await membership.usergroupsOf('U9', ['S1', 'S2'])).usergroups.size).toBe(0);
  });

  it('asks Slack once per group per TTL, even for concurrent lookups', async () => {
    const { membership, asked, tick } = setup({ S1: ['U1'] });
    await Promise.all([membership.usergroupsOf('U1', ['S1']), membership.usergroupsOf('U2', ['S1'])]);
    await membership.usergroupsOf('U1', ['S1']);
    expect(asked).toEqual(['S1']);
    tick(60_001);
    await membership.usergroupsOf('U1', ['S1']);
    expect(asked).toEqual(['S1', 'S1']);
  });

  it('refreshes a stale list before using it: a user removed from the group loses it', async () => {
    const groups: Record<string, string[] | Error> = { S1: ['U1', 'U2'] };
    const { membership, asked, tick } = setup(groups);
    expect((await membership.usergroupsOf('U2', ['S1'])).usergroups).toEqual(new Set(['S1']));
    groups.S1 = ['U1'];
    tick(59_000);
    expect((await membership.usergroupsOf('U2', ['S1'])).usergroups).toEqual(new Set(['S1']));
    tick(2_000);
    expect((await membership.usergroupsOf('U2', ['S1'])).usergroups).toEqual(new Set());
    expect(asked).toEqual(['S1', 'S1']);
  });

  it('shares one request among lookups that arrive while it is in flight, even after expiry', async () => {
    let now = 0;
    const calls: Array<(users: string[]) => void> = [];
    const membership = createMembership({
      list: () => new Promise<string[]>((resolve) => calls.push(resolve)),
      ttlMs: 1_000,
      now: () => now,
      log: silentLogger(),
    });
    const first = [1, 2, 3].map(() => membership.usergroupsOf('U1', ['S1']));
    expect(calls).toHaveLength(1);
    calls[0]!(['U1']);
    for (const lookup of await Promise.all(first)) expect(lookup.usergroups).toEqual(new Set(['S1']));
    now = 5_000;
    const second = [membership.usergroupsOf('U1', ['S1']), membership.usergroupsOf('U9', ['S1'])];
    expect(calls).toHaveLength(2);
    calls[1]!(['U9']);
    const [u1, u9] = await Promise.all(second);
    expect(u1?.usergroups.size).toBe(0);
    expect(u9?.usergroups).toEqual(new Set(['S1']));
  });

  it('denies a group Slack cannot list, even with a stale list at hand, and names it with the reason', async () => {
    const groups: Record<string, string[] | Error> = { S1: ['U1'] };
    const { membership, tick } = setup(groups);
    await membership.usergroupsOf('U1', ['S1']);
    groups.S1 = Object.assign(new Error('ratelimited'), { data: { error: 'ratelimited' } });
    tick(60_001);
    expect(await membership.usergroupsOf('U1', ['S1'])).toEqual({
      usergroups: new Set(),
      problems: ['S1 (ratelimited)'],
    });
    const missing = await membership.usergroupsOf('U1', ['S404']);
    expect(missing).toEqual({ usergroups: new Set(), problems: ['S404 (no_such_subteam)'] });
  });

  it('remembers a failure briefly so a burst does not hammer Slack, then asks again', async () => {
    const groups: Record<string, string[] | Error> = {
      S1: Object.assign(new Error('missing_scope'), { data: { error: 'missing_scope' } }),
    };
    const { membership, asked, tick } = setup(groups);
    for (let i = 0; i < 5; i += 1) {
      expect((await membership.usergroupsOf('U1', ['S1'])).problems).toEqual(['S1 (missing_scope)']);
    }
    expect(asked).toEqual(['S1']);
    groups.S1 = ['U1'];
    tick(10_001);
    expect(await membership.usergroupsOf('U1', ['S1'])).toEqual({
      usergroups: new Set(['S1']),
      problems: [],
    });
    expect(asked).toEqual(['S1', 'S1']);
  });

  it('checks the other groups when one fails: each group stands alone', async () => {
    const { membership } = setup({ S1: new Error('socket hang up'), S2: ['U1'] });
    expect(await membership.usergroupsOf('U1', ['S1', 'S2'])).toEqual({
      usergroups: new Set(['S2']),
      problems: ['S1 (socket hang up)'],
    });
  });
});
