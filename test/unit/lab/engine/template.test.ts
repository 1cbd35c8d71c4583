import { describe, expect, it } from 'vitest';
import { strftime } from '../../../../src/lab/engine/strftime.js';
import { renderTemplate } from '../../../../src/lab/engine/template.js';

describe('renderTemplate', () => {
  it('fills values, pads columns and applies fallbacks before padding', () => {
    expect(renderTemplate('{a:<6}|{b:>4}|{c:<5|none}|', { a: 'x', b: 7, c: '' })).toBe('x     |   7|none |');
  });

  it('repeats sections per item, renders truthy sections once and inverted ones when empty', () => {
    const ctx = { list: [{ n: 'a' }, { n: 'b' }], on: true, off: '', outer: 'O' };
    expect(renderTemplate('{#list}{n}{outer};{/list}', ctx)).toBe('aO;bO;');
    expect(renderTemplate('{#on}yes{/on}{#off}no{/off}{^off}empty{/off}', ctx)).toBe('yesempty');
  });

  it('formats dates, netmask prefix lengths and literal braces', () => {
    const when = new Date(Date.UTC(2024, 1, 3, 4, 5, 6, 7));
    expect(renderTemplate('{d:%a %b %e %H:%M:%S.%L %Z %Y}', { d: when })).toBe(
      'Sat Feb  3 04:05:06.007 UTC 2024',
    );
    expect(renderTemplate('{m:prefixlen}/{x:prefixlen}', { m: '255.255.255.252', x: 'n/a' })).toBe('30/n/a');
    expect(renderTemplate('{{ {v} }}', { v: 1 })).toBe('{ 1 }');
  });

  it('leaves unknown values empty', () => {
    expect(renderTemplate('[{missing}]', {})).toBe('[]');
  });
});

describe('strftime', () => {
  it('pads and names fields the way device clocks print them', () => {
    expect(strftime(new Date(Date.UTC(2023, 11, 25, 9, 0, 0)), '%Y-%m-%d %d %y %%')).toBe(
      '2023-12-25 25 23 %',
    );
  });
});
