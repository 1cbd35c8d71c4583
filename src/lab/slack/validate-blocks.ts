/**
 * Block Kit checks the way Slack applies them to messages: a block count limit, per-block field limits,
 * unique block_id / action_id. Problems are reported like Slack's `response_metadata.messages`:
 * `[ERROR] <what> [json-pointer:/blocks/0/text/text]`, which @slack/web-api logs.
 */

export interface BlockLimits {
  maxBlocks: number;
  maxSectionTextChars: number;
}

const KNOWN_BLOCKS = new Set([
  'actions',
  'context',
  'context_actions',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'video',
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class BlockChecker {
  readonly problems: string[] = [];
  private readonly blockIds = new Set<string>();

  constructor(private readonly limits: BlockLimits) {}

  problem(what: string, pointer: string): false {
    this.problems.push(`[ERROR] ${what} [json-pointer:${pointer}]`);
    return false;
  }

  textObject(value: unknown, pointer: string, maxChars: number, plainOnly = false): void {
    if (!isObject(value)) {
      this.problem('expected a text object', pointer);
      return;
    }
    const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
    if (typeof value.type !== 'string' || !allowed.includes(value.type)) {
      this.problem(`must be one of ${allowed.join(', ')}`, `${pointer}/type`);
    } else if (typeof value.text !== 'string') {
      this.problem('expected a string', `${pointer}/text`);
    } else if (value.text.length === 0) {
      this.problem('must be more than 0 characters', `${pointer}/text`);
    } else if (value.text.length > maxChars) {
      this.problem(`must be less than ${maxChars + 1} characters`, `${pointer}/text`);
    }
  }

  element(element: unknown, pointer: string, actionIds: Set<string>): void {
    if (!isObject(element) || typeof element.type !== 'string') {
      this.problem('expected an element', pointer);
      return;
    }
    if (typeof element.action_id === 'string') {
      if (actionIds.has(element.action_id)) this.problem('action_id must be unique', `${pointer}/action_id`);
      if (element.action_id.length > 255)
        this.problem('must be less than 256 characters', `${pointer}/action_id`);
      actionIds.add(element.action_id);
    }
    if (element.type !== 'button') return;
    this.textObject(element.text, `${pointer}/text`, 75, true);
    if (typeof element.value === 'string' && element.value.length > 2000) {
      this.problem('must be less than 2001 characters', `${pointer}/value`);
    }
  }

  section(block: Record<string, unknown>, p: string, actionIds: Set<string>): void {
    if (block.text === undefined && block.fields === undefined)
      this.problem('must provide either text or fields', p);
    if (block.text !== undefined) this.textObject(block.text, `${p}/text`, this.limits.maxSectionTextChars);
    if (block.fields !== undefined) {
      if (!Array.isArray(block.fields)) this.problem('expected an array', `${p}/fields`);
      else {
        if (block.fields.length > 10) this.problem('no more than 10 items allowed', `${p}/fields`);
        for (const [i, field] of block.fields.entries()) this.textObject(field, `${p}/fields/${i}`, 2000);
      }
    }
    if (block.accessory !== undefined) this.element(block.accessory, `${p}/accessory`, actionIds);
  }

  elements(value: unknown, p: string, max: number): unknown[] {
    if (!Array.isArray(value) || value.length === 0) {
      this.problem('must provide a non-empty array', `${p}/elements`);
      return [];
    }
    if (value.length > max) this.problem(`no more than ${max} items allowed`, `${p}/elements`);
    return value;
  }

  blockId(block: Record<string, unknown>, p: string): void {
    if (block.block_id === undefined) return;
    if (typeof block.block_id !== 'string' || block.block_id.length > 255) {
      this.problem('must be a string of at most 255 characters', `${p}/block_id`);
    } else if (this.blockIds.has(block.block_id)) {
      this.problem('block_id must be unique', `${p}/block_id`);
    } else this.blockIds.add(block.block_id);
  }

  block(block: unknown, p: string): void {
    if (!isObject(block) || typeof block.type !== 'string') {
      this.problem('expected a block object', p);
      return;
    }
    if (!KNOWN_BLOCKS.has(block.type)) {
      this.problem(`unsupported type: ${block.type}`, `${p}/type`);
      return;
    }
    this.blockId(block, p);
    // Slack wants action_id unique among the elements of one block, not the whole message.
    const actionIds = new Set<string>();
    if (block.type === 'section') this.section(block, p, actionIds);
    else if (block.type === 'header') this.textObject(block.text, `${p}/text`, 150, true);
    else if (block.type === 'context') {
      for (const [i, e] of this.elements(block.elements, p, 10).entries()) {
        if (!isObject(e) || e.type !== 'image') this.textObject(e, `${p}/elements/${i}`, 3000);
      }
    } else if (block.type === 'actions') {
      for (const [i, e] of this.elements(block.elements, p, 25).entries())
        this.element(e, `${p}/elements/${i}`, actionIds);
    } else if (block.type === 'markdown') {
      if (typeof block.text !== 'string') this.problem('expected a string', `${p}/text`);
      else if (block.text.length > 12_000) this.problem('must be less than 12001 characters', `${p}/text`);
    } else if (block.type === 'rich_text' && !Array.isArray(block.elements)) {
      this.problem('expected an array', `${p}/elements`);
    }
  }
}

/** Problems with a message's `blocks`, empty when Slack would accept them. */
export function checkBlocks(blocks: unknown, limits: BlockLimits): string[] {
  const checker = new BlockChecker(limits);
  if (!Array.isArray(blocks)) {
    checker.problem('expected an array', '/blocks');
    return checker.problems;
  }
  if (blocks.length > limits.maxBlocks)
    checker.problem(`no more than ${limits.maxBlocks} items allowed`, '/blocks');
  for (const [i, block] of blocks.entries()) checker.block(block, `/blocks/${i}`);
  return checker.problems;
}
