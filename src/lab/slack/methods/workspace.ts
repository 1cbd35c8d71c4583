import { requireArgs, stringArg } from '../validate.js';
import { resolveChannelArg } from './chat.js';
import { errorAnswer, type MethodHandler, okAnswer } from './context.js';

export const authTest: MethodHandler = (ctx) => {
  const { team, bot } = ctx.options;
  return okAnswer({
    url: `https://${team.domain}.slack.com/`,
    team: team.name,
    user: bot.name,
    team_id: team.id,
    user_id: bot.userId,
    bot_id: bot.botId,
    is_enterprise_install: false,
  });
};

export const usergroupsUsersList: MethodHandler = (ctx, args) => {
  const missing = requireArgs(args, ['usergroup']);
  if (missing) return errorAnswer(missing);
  const users = ctx.usergroups.get(String(args.usergroup));
  if (!users) return errorAnswer('no_such_subteam');
  return okAnswer({ users: [...users] });
};

export const conversationsInfo: MethodHandler = (ctx, args) => {
  const channel = resolveChannelArg(ctx, args);
  if (!channel) return errorAnswer('channel_not_found');
  return okAnswer({
    channel: {
      id: channel.id,
      name: channel.name,
      name_normalized: channel.name,
      is_channel: channel.id.startsWith('C'),
      is_group: false,
      is_im: channel.id.startsWith('D'),
      is_private: channel.id.startsWith('G'),
      is_archived: false,
      is_general: false,
      is_member: true,
      created: 1_700_000_000,
    },
  });
};

export const usersInfo: MethodHandler = (ctx, args) => {
  const id = stringArg(args, 'user');
  const user = ctx.options.users.find((u) => u.id === id);
  if (!user) return errorAnswer('user_not_found');
  return okAnswer({
    user: {
      id: user.id,
      team_id: ctx.options.team.id,
      name: user.name,
      real_name: user.name,
      is_bot: false,
      deleted: false,
      profile: { display_name: user.name, real_name: user.name },
    },
  });
};
