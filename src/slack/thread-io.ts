import type { webApi } from '@slack/bolt';
import type { SlackMessage } from './blocks/index.js';
import { slackErrorCode } from './membership.js';
import type { PlannedFile } from './reply-plan.js';

/**
 * The three Slack calls a job's thread needs. The reporter depends on this, not on a WebClient, so
 * its logic is tested without HTTP; createThreadIo() is the real thing.
 */
export interface ThreadIo {
  /** chat.postMessage; resolves with the message ts. */
  post(args: { channel: string; threadTs?: string; message: SlackMessage }): Promise<string>;
  /** chat.update */
  update(args: { channel: string; ts: string; message: SlackMessage }): Promise<void>;
  /** files.uploadV2 into the thread (one file, one message in the channel). */
  upload(args: { channel: string; threadTs: string; file: PlannedFile; comment: string }): Promise<void>;
}

export interface ThreadClients {
  /** Thread replies, files and parent messages. */
  replies: webApi.WebClient;
  /** chat.update only: a 429 here must not hold up replies, and the reverse. */
  progress: webApi.WebClient;
}

export function createThreadIo(clients: ThreadClients): ThreadIo {
  return {
    async post({ channel, threadTs, message }) {
      const answer = await clients.replies.chat.postMessage({
        channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        text: message.text,
        ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
      if (typeof answer.ts !== 'string') throw new Error('chat.postMessage answered without a ts');
      return answer.ts;
    },
    async update({ channel, ts, message }) {
      await clients.progress.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    },
    async upload({ channel, threadTs, file, comment }) {
      try {
        await clients.replies.filesUploadV2({
          channel_id: channel,
          thread_ts: threadTs,
          content: file.content,
          filename: file.filename,
          title: file.title,
          initial_comment: comment,
        });
      } catch (error) {
        // The file was uploaded a moment ago in this same call, so completing it can only find it
        // gone if an earlier completion already shared it: the WebClient retried a
        // completeUploadExternal whose answer was lost (a 5xx or a cut connection after Slack did the
        // work). The file is in the thread; calling it "not posted" would send readers looking.
        if (slackErrorCode(error) === 'file_not_found') return;
        throw error;
      }
    },
  };
}
