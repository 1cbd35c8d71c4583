/**
 * Output templates of the personality files. Deliberately tiny:
 *   {name}            a value            {name|fallback}   fallback when empty
 *   {name:<20}        padded to 20       {name:>8}         right-aligned in 8
 *   {date:%H:%M:%S}   a Date, formatted  {mask:prefixlen}  255.255.255.0 → 24
 *   {{ and }}         literal braces     {name:<20|none}   fallback, then padding
 *   {#list}…{/list}   repeat per item, or once when truthy;  {^name}…{/name} when empty/false
 */
import { strftime } from './strftime.js';

export type TemplateValue = string | number | boolean | Date | TemplateContext[] | undefined;
export interface TemplateContext {
  [key: string]: TemplateValue;
}

type Node =
  | { t: 'text'; text: string }
  | { t: 'var'; name: string; format?: string; fallback?: string }
  | { t: 'section'; name: string; inverted: boolean; body: Node[] };

const cache = new Map<string, Node[]>();

function parseVar(inner: string): Node {
  const bar = inner.indexOf('|');
  const fallback = bar === -1 ? undefined : inner.slice(bar + 1);
  const head = bar === -1 ? inner : inner.slice(0, bar);
  const colon = head.indexOf(':');
  if (colon === -1) return { t: 'var', name: head, fallback };
  return { t: 'var', name: head.slice(0, colon), format: head.slice(colon + 1), fallback };
}

function parse(template: string): Node[] {
  const root: Node[] = [];
  const stack: Array<{ name: string; body: Node[] }> = [{ name: '', body: root }];
  const re = /\{\{|\}\}|\{([#^/]?)([^{}]*)\}/g;
  let last = 0;
  const out = () => (stack[stack.length - 1] as { body: Node[] }).body;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > last) out().push({ t: 'text', text: template.slice(last, m.index) });
    last = re.lastIndex;
    if (m[0] === '{{' || m[0] === '}}') {
      out().push({ t: 'text', text: m[0][0] as string });
      continue;
    }
    const sigil = m[1] as string;
    const inner = (m[2] as string).trim();
    if (sigil === '#' || sigil === '^') {
      const body: Node[] = [];
      out().push({ t: 'section', name: inner, inverted: sigil === '^', body });
      stack.push({ name: inner, body });
    } else if (sigil === '/') {
      if (stack.length > 1 && (stack[stack.length - 1] as { name: string }).name === inner) stack.pop();
    } else {
      out().push(parseVar(inner));
    }
  }
  if (last < template.length) out().push({ t: 'text', text: template.slice(last) });
  return root;
}

function lookup(scopes: TemplateContext[], name: string): TemplateValue {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i] as TemplateContext;
    if (name in scope) return scope[name];
  }
  return undefined;
}

/** `255.255.255.0` → `24`; anything else unchanged. */
function prefixLength(mask: string): string {
  const octets = mask.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !(o >= 0 && o <= 255))) return mask;
  return String(octets.reduce((bits, o) => bits + (o.toString(2).match(/1/g)?.length ?? 0), 0));
}

function formatValue(value: TemplateValue, format: string | undefined): string {
  if (value instanceof Date) return strftime(value, format ?? '%Y-%m-%d %H:%M:%S');
  const text = value === undefined || Array.isArray(value) ? '' : String(value);
  if (format === 'prefixlen') return prefixLength(text);
  const m = format ? /^([<>])(\d+)$/.exec(format) : null;
  if (!m) return text;
  const width = Number(m[2]);
  return m[1] === '<' ? text.padEnd(width) : text.padStart(width);
}

function isEmpty(value: TemplateValue): boolean {
  return (
    value === undefined ||
    value === '' ||
    value === false ||
    value === 0 ||
    (Array.isArray(value) && value.length === 0)
  );
}

function renderNodes(nodes: Node[], scopes: TemplateContext[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.t === 'text') out += node.text;
    else if (node.t === 'var') {
      const value = lookup(scopes, node.name);
      out += formatValue(isEmpty(value) && node.fallback !== undefined ? node.fallback : value, node.format);
    } else {
      const value = lookup(scopes, node.name);
      if (node.inverted) {
        if (isEmpty(value)) out += renderNodes(node.body, scopes);
      } else if (Array.isArray(value)) {
        for (const item of value) out += renderNodes(node.body, [...scopes, item]);
      } else if (!isEmpty(value)) {
        out += renderNodes(node.body, scopes);
      }
    }
  }
  return out;
}

export function renderTemplate(template: string, context: TemplateContext): string {
  let nodes = cache.get(template);
  if (!nodes) {
    nodes = parse(template);
    cache.set(template, nodes);
  }
  return renderNodes(nodes, [context]);
}
