import { describe, expect, it } from 'vitest';
import {
  blockToLines,
  createTsClock,
  formatSize,
  renderTranscript,
  SlackStore,
  type TranscriptSource,
} from '../../../src/lab/slack/index.js';

const CHANNEL = 'C0NETOPS01';

function workspace() {
  let now = 1_700_000_000_000;
  let ids = 0;
  const store = new SlackStore({
    now: () => now,
    nextTs: createTsClock(() => (now += 10)),
    nextId: (prefix) => `${prefix}${++ids}`,
    botUserId: 'UBOT',
    botId: 'BBOT',
  });
  store.addChannel({ id: CHANNEL, name: 'netops' });
  const source: TranscriptSource = {
    channel: (id) => store.topLevel(id),
    thread: (channel, ts) => store.replies(channel, ts),
    channels: () => store.listChannels(),
    ephemerals: (user) => store.ephemerals(user),
    options: { bot: { userId: 'UBOT', name: 'netrun' }, users: [{ id: 'U1', name: 'alice' }] },
  };
  return { store, source };
}

describe('renderTranscript', () => {
  it('prints parents in their final state with replies and files indented under them', () => {
    const { store, source } = workspace();
    const parent = store.post({ channel: CHANNEL, text: 'running', via: 'chat.postMessage' });
    store.post({ channel: CHANNEL, threadTs: parent.ts, text: '✅ r1 (1.2 s)', via: 'chat.postMessage' });
    store.post({
      channel: CHANNEL,
      threadTs: parent.ts,
      text: '',
      files: [{ id: 'F1', name: 'r2.txt', title: 'r2', size: 5_000 }],
      via: 'files.completeUploadExternal',
    });
    store.update(parent, {
      text: 'done',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'show version' } },
        { type: 'section', text: { type: 'mrkdwn', text: '```\nCisco IOS XE\n```' } },
        {
          type: 'context',
          elements: [
            { type: 'mrkdwn', text: 'alice' },
            { type: 'mrkdwn', text: '3 devices' },
          ],
        },
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'retry', text: { type: 'plain_text', text: 'Retry failed' } },
          ],
        },
      ],
    });
    store.post({ channel: CHANNEL, text: 'second job', via: 'chat.postMessage' });

    expect(renderTranscript(source, CHANNEL)).toBe(
      [
        '#netops (C0NETOPS01)',
        '────────────────────',
        'netrun: (edited)',
        '  show version',
        '  ============',
        '  ```',
        '  Cisco IOS XE',
        '  ```',
        '  alice · 3 devices',
        '  [Retry failed]',
        '  ↳ netrun:',
        '      ✅ r1 (1.2 s)',
        '  ↳ netrun:',
        '      [file] r2.txt (4.9 KB)',
        '',
        'netrun:',
        '  second job',
        '',
      ].join('\n'),
    );
  });

  it('leaves out deleted messages, and shows ephemerals only when asked', () => {
    const { store, source } = workspace();
    store.delete(store.post({ channel: CHANNEL, text: 'gone', via: 'chat.postMessage' }));
    store.addEphemeral({ channel: CHANNEL, user: 'U1', text: 'not allowed', via: 'chat.postEphemeral' });
    expect(renderTranscript(source, CHANNEL)).toContain('(no messages)');
    expect(renderTranscript(source, CHANNEL, { includeEphemerals: true })).toContain(
      '(only visible to alice) netrun:\n  not allowed',
    );
  });
});

describe('Block Kit as text', () => {
  it('shows fields, accessories, dividers, images and rich text readably', () => {
    expect(
      blockToLines({
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*ok* 3' },
          { type: 'mrkdwn', text: '*failed* 1' },
        ],
        accessory: { type: 'button', text: { type: 'plain_text', text: 'Cancel' } },
      }),
    ).toEqual(['*ok* 3', '*failed* 1', '[Cancel]']);
    expect(blockToLines({ type: 'divider' })).toEqual(['---']);
    expect(blockToLines({ type: 'image', alt_text: 'graph' })).toEqual(['[image: graph]']);
    expect(
      blockToLines({
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [
              { type: 'text', text: 'see ' },
              { type: 'user', user_id: 'U1' },
            ],
          },
          { type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'line 1\nline 2' }] },
        ],
      }),
    ).toEqual(['see <@U1>', '```', 'line 1', 'line 2', '```']);
  });

  it('sizes files in B, KB and MB', () => {
    expect([formatSize(512), formatSize(2048), formatSize(3 * 1024 * 1024)]).toEqual([
      '512 B',
      '2.0 KB',
      '3.0 MB',
    ]);
  });
});
