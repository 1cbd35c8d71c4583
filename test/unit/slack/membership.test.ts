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

  it('keeps using a stale list when Slack cannot be asked, and names groups it never could list', async () => {
    const groups: Record<string, string[] | Error> = { S1: ['U1'] };
    const { membership, tick } = setup(groups);
    await membership.usergroupsOf('U1', ['S1']);
    groups.S1 = Object.assign(new Error('ratelimited'), { data: { error: 'ratelimited' } });
    tick(60_001);
    expect(await membership.usergroupsOf('U1', ['S1'])).toEqual({
      usergroups: new Set(['S1']),
      problems: [],
    });
    const missing = await membership.usergroupsOf('U1', ['S404']);
    expect(missing).toEqual({ usergroups: new Set(), problems: ['S404 (no_such_subteam)'] });
  });
});
