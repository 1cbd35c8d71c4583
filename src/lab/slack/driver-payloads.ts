/**
 * The bodies Slack sends an app, built as pure functions: slash commands as a form, interactions as a
 * form with one `payload` field holding JSON (field order and names as Slack sends them).
 */

export interface Workspace {
  teamId: string;
  teamDomain: string;
  apiAppId: string;
  /** The deprecated verification token Slack still sends; Bolt ignores it. */
  verificationToken: string;
}

export interface SlashCommandFields {
  command: string;
  text: string;
  user_id: string;
  user_name: string;
  channel_id: string;
  channel_name: string;
  response_url: string;
  trigger_id: string;
}

export function slashCommandBody(ws: Workspace, f: SlashCommandFields): string {
  // URLSearchParams keeps insertion order and form-encodes the way Slack does (space as '+').
  return new URLSearchParams([
    ['token', ws.verificationToken],
    ['team_id', ws.teamId],
    ['team_domain', ws.teamDomain],
    ['channel_id', f.channel_id],
    ['channel_name', f.channel_name],
    ['user_id', f.user_id],
    ['user_name', f.user_name],
    ['command', f.command],
    ['text', f.text],
    ['api_app_id', ws.apiAppId],
    ['is_enterprise_install', 'false'],
    ['response_url', f.response_url],
    ['trigger_id', f.trigger_id],
  ]).toString();
}

/** Interactions arrive form-encoded with the JSON in one field: `payload=<json>`. */
export function payloadBody(payload: Record<string, unknown>): string {
  return new URLSearchParams([['payload', JSON.stringify(payload)]]).toString();
}

export interface Actor {
  id: string;
  name: string;
}

function userJson(ws: Workspace, user: Actor) {
  return { id: user.id, username: user.name, name: user.name, team_id: ws.teamId };
}

export interface BlockActionFields {
  user: Actor;
  channel: { id: string; name: string };
  messageTs: string;
  ephemeral: boolean;
  /** The message as Slack includes it (absent for ephemerals). */
  message?: Record<string, unknown>;
  action: { action_id: string; block_id: string; value?: string; text: string; type: string };
  actionTs: string;
  responseUrl: string;
  triggerId: string;
}

export function blockActionsPayload(ws: Workspace, f: BlockActionFields): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    user: userJson(ws, f.user),
    api_app_id: ws.apiAppId,
    token: ws.verificationToken,
    container: {
      type: 'message',
      message_ts: f.messageTs,
      channel_id: f.channel.id,
      is_ephemeral: f.ephemeral,
    },
    trigger_id: f.triggerId,
    team: { id: ws.teamId, domain: ws.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: f.channel,
    state: { values: {} },
    response_url: f.responseUrl,
    actions: [
      {
        action_id: f.action.action_id,
        block_id: f.action.block_id,
        text: { type: 'plain_text', text: f.action.text, emoji: true },
        ...(f.action.value === undefined ? {} : { value: f.action.value }),
        type: f.action.type,
        action_ts: f.actionTs,
      },
    ],
  };
  if (f.message) payload.message = f.message;
  return payload;
}

export interface ViewSubmissionFields {
  user: Actor;
  /** The view as Slack echoes it (id, callback_id, blocks, private_metadata, hash, ...). */
  view: Record<string, unknown>;
  values: Record<string, Record<string, unknown>>;
  triggerId: string;
}

export function viewSubmissionPayload(ws: Workspace, f: ViewSubmissionFields): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: ws.teamId, domain: ws.teamDomain },
    user: userJson(ws, f.user),
    api_app_id: ws.apiAppId,
    token: ws.verificationToken,
    trigger_id: f.triggerId,
    view: { ...f.view, state: { values: f.values } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export interface FoundAction {
  block_id: string;
  action_id: string;
  value?: string;
  text: string;
  type: string;
}

function asAction(element: unknown, blockId: string, actionId: string): FoundAction | undefined {
  if (typeof element !== 'object' || element === null) return undefined;
  const e = element as Record<string, unknown>;
  if (e.action_id !== actionId) return undefined;
  const text = (e.text as { text?: unknown } | undefined)?.text;
  return {
    block_id: blockId,
    action_id: actionId,
    value: typeof e.value === 'string' ? e.value : undefined,
    text: typeof text === 'string' ? text : '',
    type: String(e.type),
  };
}

/** The interactive element with this action_id in a message's blocks, as a click on it would report. */
export function findAction(blocks: unknown, actionId: string): FoundAction | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const [i, block] of blocks.entries()) {
    const b = block as Record<string, unknown>;
    // Slack fills in a block_id when the app gave none; any stable value will do here.
    const blockId = typeof b.block_id === 'string' ? b.block_id : `block-${i}`;
    const candidates = Array.isArray(b.elements) ? b.elements : [b.accessory];
    for (const element of candidates) {
      const found = asAction(element, blockId, actionId);
      if (found) return found;
    }
  }
  return undefined;
}
