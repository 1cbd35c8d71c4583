/** The file commands of a shell personality: cat, touch, rm, ls, echo, redirections, hostname. */
import type { PipePlan } from './pipes.js';
import type { SessionCore } from './session-core.js';
import { tokenize } from './tokenize.js';

function home(s: SessionCore): string {
  return `/home/${s.device.user}`;
}

export function resolvePath(s: SessionCore, path: string): string {
  if (path === '~' || path === '') return home(s);
  if (path.startsWith('~/')) return `${home(s)}/${path.slice(2)}`;
  const abs = path.startsWith('/') ? path : `${home(s)}/${path}`;
  return abs.length > 1 ? abs.replace(/\/+$/, '') : abs;
}

/** Files outside the user's home and /tmp belong to root, as on any Unix. */
function ownerFor(s: SessionCore, path: string): 'root' | 'user' {
  return path.startsWith(`${home(s)}/`) || path.startsWith('/tmp/') ? 'user' : 'root';
}

function store(s: SessionCore) {
  const running = s.device.config().running;
  if (running.kind !== 'files')
    throw new Error(`file commands need a files configuration, not ${running.kind}`);
  return running;
}

async function fail(
  s: SessionCore,
  template: string | undefined,
  command: string,
  token: string,
): Promise<boolean> {
  await s.print(s.render(template ?? '{command}: {token}: error', { command, token }));
  s.status = 1;
  return true;
}

function mayWrite(s: SessionCore, path: string): boolean {
  const owner = store(s).files.get(path)?.owner ?? ownerFor(s, path);
  return owner === 'user' || s.modeDef.privileged;
}

export async function writeFile(
  s: SessionCore,
  rawPath: string,
  content: string,
  append: boolean,
): Promise<void> {
  const path = resolvePath(s, rawPath);
  if (!mayWrite(s, path)) {
    await fail(s, s.p.errors.permissionDenied, '-bash', rawPath);
    return;
  }
  store(s).write(path, content, append, ownerFor(s, path));
  s.device.config().changedAt = new Date();
}

export async function fileAction(
  s: SessionCore,
  op: 'cat' | 'touch' | 'rm' | 'ls',
  args: Record<string, string>,
  plan: PipePlan,
): Promise<boolean> {
  const raw = args.path ?? '';
  const path = resolvePath(s, raw);
  const files = store(s);
  if (op === 'ls') {
    if (!files.isDirectory(path)) return fail(s, s.p.errors.notFound, 'ls', raw);
    await s.display(
      [files.list(path).join('  ')].filter((l) => l !== ''),
      plan,
    );
    return true;
  }
  const content = files.read(path);
  if (op === 'cat') {
    if (content === undefined) return fail(s, s.p.errors.notFound, 'cat', raw);
    await s.display(content.replace(/\n$/, '').split('\n'), plan);
    return true;
  }
  if (op === 'rm' && content === undefined) return fail(s, s.p.errors.notFound, 'rm', raw);
  if (!mayWrite(s, path)) return fail(s, s.p.errors.permissionDenied, op, raw);
  if (op === 'rm') files.remove(path);
  else files.write(path, '', true, ownerFor(s, path));
  s.device.config().changedAt = new Date();
  return true;
}

export async function echoAction(
  s: SessionCore,
  args: Record<string, string>,
  plan: PipePlan,
): Promise<boolean> {
  const words = tokenize(args.text ?? '', 'group').map((t) => t.text);
  await s.display([words.join(' ')], plan);
  return true;
}

export async function hostnameAction(s: SessionCore, args: Record<string, string>): Promise<boolean> {
  const c = s.p.config;
  if (c.style !== 'files' || !args.name) return true;
  store(s).write(c.hostnameFile, `${args.name}\n`, false, 'root');
  s.device.config().changedAt = new Date();
  return true;
}
