import type { webApi } from '@slack/bolt';
import type { SlackMessage } from '../../blocks/index.js';
import type { ListenerDeps } from '../context.js';

/**
 * An ephemeral message in the request's channel. A modal submission brings no response_url, so
 * refusals after it go through chat.postEphemeral; when that fails too (netrun is not in the
 * channel), the log keeps the reason.
 */
export async function tellUser(
  deps: Pick<ListenerDeps, 'log'>,
  client: webApi.WebClient,
  where: { channel: string; user: string },
  message: SlackMessage,
): Promise<void> {
  try {
    await client.chat.postEphemeral({
      channel: where.channel,
      user: where.user,
      text: message.text,
      blocks: message.blocks,
    });
  } catch (error) {
    deps.log.warn({ err: error, ...where }, 'could not tell the user about their push request');
  }
}
