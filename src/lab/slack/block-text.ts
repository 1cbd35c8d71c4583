/**
 * Block Kit as plain text, for transcripts a person reads in a terminal: mrkdwn and code fences are
 * kept as written, buttons become `[Label]`, fields and context elements stay on their own lines.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** The text of a text object (plain_text / mrkdwn), or '' when there is none. */
export function textOf(value: unknown): string {
  return isObject(value) && typeof value.text === 'string' ? value.text : '';
}

function lines(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}

function elementLabel(element: Json): string {
  if (element.type === 'button') return `[${textOf(element.text)}]`;
  if (element.type === 'image') return `[image: ${String(element.alt_text ?? '')}]`;
  const placeholder = textOf(element.placeholder);
  return `[${placeholder || String(element.type)} ▾]`;
}

function richInline(element: Json): string {
  switch (element.type) {
    case 'text':
      return String(element.text ?? '');
    case 'link':
      return String(element.text ?? element.url ?? '');
    case 'user':
      return `<@${String(element.user_id ?? '')}>`;
    case 'channel':
      return `<#${String(element.channel_id ?? '')}>`;
    case 'emoji':
      return `:${String(element.name ?? '')}:`;
    default:
      return '';
  }
}

function richText(block: Json): string[] {
  const out: string[] = [];
  for (const part of list(block.elements)) {
    const inline = list(part.elements).map(richInline).join('');
    if (part.type === 'rich_text_preformatted') out.push('```', ...lines(inline), '```');
    else if (part.type === 'rich_text_quote') out.push(...lines(inline).map((l) => `> ${l}`));
    else if (part.type === 'rich_text_list') {
      for (const item of list(part.elements)) out.push(`• ${list(item.elements).map(richInline).join('')}`);
    } else out.push(...lines(inline));
  }
  return out;
}

function sectionText(block: Json): string[] {
  const out = lines(textOf(block.text));
  for (const field of list(block.fields)) out.push(...lines(textOf(field)));
  if (isObject(block.accessory)) out.push(elementLabel(block.accessory));
  return out;
}

export function blockToLines(block: Json): string[] {
  switch (block.type) {
    case 'header': {
      const text = textOf(block.text);
      return [text, '='.repeat(Math.min(text.length, 60))];
    }
    case 'section':
      return sectionText(block);
    case 'context':
      return [
        list(block.elements)
          .map((e) => (e.type === 'image' ? elementLabel(e) : textOf(e)))
          .join(' · '),
      ];
    case 'divider':
      return ['---'];
    case 'actions':
      return [list(block.elements).map(elementLabel).join(' ')];
    case 'image':
      return [`[image: ${String(block.alt_text ?? '')}]`];
    case 'markdown':
      return lines(String(block.text ?? ''));
    case 'rich_text':
      return richText(block);
    case 'input':
      return [`${textOf(block.label)}: [input]`];
    default:
      return [`[${String(block.type)}]`];
  }
}

/** Blocks as lines; falls back to the message text when there are no blocks. */
export function blocksToLines(blocks: unknown, fallbackText = ''): string[] {
  const blockList = list(blocks);
  if (blockList.length === 0) return lines(fallbackText);
  return blockList.flatMap(blockToLines);
}
