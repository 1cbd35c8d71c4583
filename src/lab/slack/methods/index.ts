import { deleteMessage, postEphemeral, postMessage, update } from './chat.js';
import type { MethodHandler } from './context.js';
import { completeUploadExternal, getUploadURLExternal } from './files.js';
import { viewsOpen, viewsUpdate } from './views.js';
import { authTest, conversationsInfo, usergroupsUsersList, usersInfo } from './workspace.js';

export type { MethodContext, MethodHandler, MethodOutcome } from './context.js';
export { viewToJson } from './views.js';

/** The Web API methods the bot uses, by the name in the URL (`/api/<method>`). */
export const METHODS: Readonly<Record<string, MethodHandler>> = {
  'auth.test': authTest,
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.delete': deleteMessage,
  'chat.postEphemeral': postEphemeral,
  'files.getUploadURLExternal': getUploadURLExternal,
  'files.completeUploadExternal': completeUploadExternal,
  'views.open': viewsOpen,
  'views.update': viewsUpdate,
  'usergroups.users.list': usergroupsUsersList,
  'conversations.info': conversationsInfo,
  'users.info': usersInfo,
};
