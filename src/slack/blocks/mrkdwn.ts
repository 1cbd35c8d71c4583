import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;

/** A message as the Web API takes it: blocks, and the text notifications and old clients show. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Slack's limits (see DESIGN §3): a section's text, blocks per message, a message's `text`. */
export const SECTION_MAX_CHARS = 3_000;
export const MAX_BLOCKS = 50;
export const TEXT_MAX_CHARS = 4_000;

/** Slack reads `&`, `<` and `>` as markup everywhere in mrkdwn, code blocks included. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function truncate(text: string, maxChars: number, marker = '…'): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, Math.max(0, maxChars - marker.length))}${marker}`;
}

/**
 * For messages written as plain text that may quote what a user typed: markup is escaped, except the
 * user and channel mentions netrun writes itself (`<@U…>`, `<#C…>`).
 */
export function escapeKeepingMentions(text: string): string {
  return escapeMrkdwn(text).replace(/&lt;([@#][UWC][A-Z0-9]+)&gt;/g, '<$1>');
}

/** Inline code for user-typed text; a backtick in it would end the span early. */
export function inlineCode(text: string): string {
  return `\`${escapeMrkdwn(text.replace(/`/g, 'ˋ'))}\``;
}

/** A device's output as a code block; three backticks in the output would close the fence. */
export function codeBlock(text: string): string {
  const body = text.replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, '');
  const safe = escapeMrkdwn(body === '' ? '(no output)' : body).replace(/```/g, '``\u200b`');
  return `\`\`\`\n${safe}\n\`\`\``;
}

/** The length codeBlock() will have, without building it (for budgeting). */
export function codeBlockLength(text: string): number {
  return codeBlock(text).length;
}

export function section(text: string, blockId?: string): Block {
  const block: types.SectionBlock = {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(text, SECTION_MAX_CHARS) },
  };
  if (blockId) block.block_id = blockId;
  return block;
}

export function context(...texts: string[]): Block {
  return {
    type: 'context',
    elements: texts.slice(0, 10).map((text) => ({ type: 'mrkdwn', text: truncate(text, SECTION_MAX_CHARS) })),
  };
}

/** Chunks joined into as few sections as fit (each chunk must already fit in one section). */
export function packSections(chunks: readonly string[], maxChars = SECTION_MAX_CHARS): string[] {
  const sections: string[] = [];
  let current = '';
  for (const chunk of chunks) {
    const joined = current === '' ? chunk : `${current}\n${chunk}`;
    if (joined.length <= maxChars) {
      current = joined;
      continue;
    }
    if (current !== '') sections.push(current);
    current = truncate(chunk, maxChars);
  }
  if (current !== '') sections.push(current);
  return sections;
}

/** `r1, r2, r3 +12 more` within `maxChars` (names are escaped). */
export function nameList(names: readonly string[], maxChars: number): string {
  const shown: string[] = [];
  let length = 0;
  for (const [index, name] of names.entries()) {
    const more = ` +${names.length - index} more`;
    const piece = escapeMrkdwn(name);
    if (length + piece.length + 2 + more.length > maxChars && index > 0) return `${shown.join(', ')}${more}`;
    shown.push(piece);
    length += piece.length + 2;
  }
  return shown.join(', ');
}

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
