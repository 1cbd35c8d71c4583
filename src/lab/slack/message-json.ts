import type { StandinOptions } from './schema.js';
import type { StoredMessage } from './types.js';

/** A stored message as Slack's Web API and interaction payloads show a bot's message. */
export function messageToJson(message: StoredMessage, options: Pick<StandinOptions, 'bot' | 'team'>) {
  const json: Record<string, unknown> = {
    type: 'message',
    user: message.user,
    bot_id: message.botId,
    app_id: options.bot.appId,
    team: options.team.id,
    text: message.text,
    ts: message.ts,
    bot_profile: { id: options.bot.botId, app_id: options.bot.appId, name: options.bot.name, deleted: false },
  };
  if (message.blocks) json.blocks = message.blocks;
  if (message.threadTs) {
    json.thread_ts = message.threadTs;
    json.parent_user_id = message.user;
  }
  if (message.files)
    json.files = message.files.map((f) => ({ id: f.id, name: f.name, title: f.title, size: f.size }));
  if (message.edits.length > 0) {
    const last = message.edits[message.edits.length - 1];
    json.edited = { user: message.user, ts: String(((last?.at ?? 0) / 1000).toFixed(6)) };
  }
  return json;
}
