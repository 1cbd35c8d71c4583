import type { OpenedView } from '../types.js';
import { fail, jsonArg, type Parsed, requireArgs, stringArg } from '../validate.js';
import { errorAnswer, type MethodContext, type MethodHandler, okAnswer } from './context.js';

/** Slack allows 100 blocks in a modal (50 in a message). */
const MAX_VIEW_BLOCKS = 100;

function parseView(args: Record<string, unknown>): Parsed<Record<string, unknown>> {
  const parsed = jsonArg(args, 'view');
  if (!parsed.ok) return parsed;
  const view = parsed.value;
  if (typeof view !== 'object' || view === null || Array.isArray(view)) {
    return fail('invalid_arguments', '[ERROR] missing required field: view');
  }
  const v = view as Record<string, unknown>;
  if (v.type !== 'modal' && v.type !== 'home')
    return fail('invalid_arguments', '[ERROR] must be modal or home [json-pointer:/view/type]');
  if (!Array.isArray(v.blocks))
    return fail('invalid_arguments', '[ERROR] missing required field: blocks [json-pointer:/view]');
  if (v.blocks.length > MAX_VIEW_BLOCKS) {
    return fail(
      'invalid_arguments',
      `[ERROR] no more than ${MAX_VIEW_BLOCKS} items allowed [json-pointer:/view/blocks]`,
    );
  }
  if (v.type === 'modal' && typeof v.title !== 'object') {
    return fail('invalid_arguments', '[ERROR] missing required field: title [json-pointer:/view]');
  }
  return { ok: true, value: v };
}

/** The view as Slack echoes it back: the app's fields plus ids, hash and empty state. */
export function viewToJson(opened: OpenedView, ctx: Pick<MethodContext, 'options'>): Record<string, unknown> {
  return {
    id: opened.id,
    team_id: ctx.options.team.id,
    private_metadata: '',
    callback_id: '',
    external_id: '',
    close: null,
    submit: null,
    clear_on_close: false,
    notify_on_close: false,
    ...opened.view,
    state: { values: {} },
    hash: opened.hash,
    root_view_id: opened.id,
    previous_view_id: null,
    app_id: ctx.options.bot.appId,
    app_installed_team_id: ctx.options.team.id,
    bot_id: ctx.options.bot.botId,
  };
}

export const viewsOpen: MethodHandler = (ctx, args) => {
  const missing = requireArgs(args, ['trigger_id', 'view']);
  if (missing) return errorAnswer(missing);
  const view = parseView(args);
  if (!view.ok) return errorAnswer(view.failure);
  const triggerId = String(args.trigger_id);
  const trigger = ctx.interactivity.consumeTrigger(triggerId);
  if (!trigger.ok) return errorAnswer(trigger.error);
  const opened = ctx.interactivity.openView(trigger.user, triggerId, view.value);
  return okAnswer({ view: viewToJson(opened, ctx) });
};

export const viewsUpdate: MethodHandler = (ctx, args) => {
  const viewId = stringArg(args, 'view_id');
  const externalId = stringArg(args, 'external_id');
  if (!viewId && !externalId)
    return errorAnswer({
      error: 'invalid_arguments',
      messages: ['[ERROR] view_id or external_id is required'],
    });
  const view = parseView(args);
  if (!view.ok) return errorAnswer(view.failure);
  const opened = ctx.interactivity.findView({ viewId, externalId });
  if (!opened) return errorAnswer('not_found');
  const hash = stringArg(args, 'hash');
  if (hash && hash !== opened.hash) return errorAnswer('hash_conflict');
  ctx.interactivity.updateView(opened, view.value);
  return okAnswer({ view: viewToJson(opened, ctx) });
};
