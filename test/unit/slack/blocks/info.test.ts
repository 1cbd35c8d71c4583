import { describe, expect, it } from 'vitest';
import type { GroupInfo } from '../../../../src/inventory/index.js';
import {
  devicesMessage,
  groupsMessage,
  helpMessage,
  jobsMessage,
  refusalMessage,
} from '../../../../src/slack/index.js';
import { makeHost } from '../../../helpers/make-host.js';
import { expectValidMessage } from './messages.js';

describe('ephemeral answers', () => {
  it('help lists the grammar and what this user may run', () => {
    const message = helpMessage(['show *', 'ping *']);
    expectValidMessage(message);
    expect(message).toMatchSnapshot();
  });

  it('help tells a stranger to ask an admin', () => {
    expect(JSON.stringify(helpMessage(undefined).blocks)).toContain('ask a netrun admin');
  });

  it('groups lists each group with its device count', () => {
    const groups: GroupInfo[] = [
      { name: 'core-routers', description: 'Core routers', parents: [], hostCount: 6 },
      { name: 'edge', parents: [], hostCount: 1 },
    ];
    const message = groupsMessage(groups);
    expectValidMessage(message);
    expect(message).toMatchSnapshot();
  });

  it('groups stays within Slack’s limits for a huge inventory', () => {
    const groups = Array.from({ length: 5_000 }, (_, i) => ({
      name: `group-${i}`,
      parents: [],
      hostCount: i,
    }));
    expectValidMessage(groupsMessage(groups));
  });

  it('devices says what a target selects', () => {
    const hosts = [makeHost('r1'), makeHost('r2'), { ...makeHost('j1'), platform: 'juniper_junos' }];
    const message = devicesMessage('core-routers', hosts);
    expectValidMessage(message);
    expect(message).toMatchSnapshot();
  });

  it('jobs lists running jobs, or says there are none', () => {
    const message = jobsMessage([
      {
        jobId: 'a1b2c3d4',
        requester: 'U0ALICE001',
        channel: 'C0NETOPS01',
        command: 'show version',
        target: 'core-routers',
        done: 3,
        total: 12,
        elapsedMs: 2_500,
      },
    ]);
    expectValidMessage(message);
    expect(message).toMatchSnapshot();
    expect(jobsMessage([]).text).toBe('No jobs are running.');
  });

  it('a refusal escapes what the user typed but keeps netrun’s own mentions', () => {
    const message = refusalMessage(
      '`show <x> & y` is not allowed. Only <@U0ALICE001> may; see <#C0NETOPS01>. <!channel>',
    );
    expect(message.blocks[0]).toMatchObject({
      text: {
        text: ':no_entry: `show &lt;x&gt; &amp; y` is not allowed. Only <@U0ALICE001> may; see <#C0NETOPS01>. &lt;!channel&gt;',
      },
    });
  });

  it('a refusal keeps its full reason in the text for notifications', () => {
    const message = refusalMessage('You may not.');
    expectValidMessage(message);
    expect(message).toEqual({
      text: 'You may not.',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: ':no_entry: You may not.' } }],
    });
  });
});
