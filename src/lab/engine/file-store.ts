/** The files of a simulated Linux host: what `cat` shows and `echo … > file` changes. */

export interface LabFile {
  content: string;
  owner: 'root' | 'user';
}

export class FileStore {
  readonly kind = 'files';
  constructor(readonly files: Map<string, LabFile> = new Map()) {}

  clone(): FileStore {
    return new FileStore(new Map([...this.files].map(([k, v]) => [k, { ...v }])));
  }

  read(path: string): string | undefined {
    return this.files.get(path)?.content;
  }

  /** Directories exist implicitly: any prefix of a file path. */
  isDirectory(path: string): boolean {
    const dir = path.endsWith('/') ? path : `${path}/`;
    return path === '/' || [...this.files.keys()].some((p) => p.startsWith(dir));
  }

  write(path: string, content: string, append: boolean, owner: LabFile['owner']): void {
    const old = this.files.get(path);
    this.files.set(path, {
      content: append && old ? old.content + content : content,
      owner: old?.owner ?? owner,
    });
  }

  remove(path: string): boolean {
    return this.files.delete(path);
  }

  list(dir: string): string[] {
    const base = dir.endsWith('/') ? dir : `${dir}/`;
    const names = new Set<string>();
    for (const path of this.files.keys()) {
      if (path.startsWith(base)) names.add(path.slice(base.length).split('/', 1)[0] as string);
    }
    return [...names].sort();
  }

  /** The configuration view: the named files first, then any other file under /etc. */
  render(show: string[]): string[] {
    const paths = [...show.filter((p) => this.files.has(p))];
    for (const p of [...this.files.keys()].sort())
      if (p.startsWith('/etc/') && !paths.includes(p)) paths.push(p);
    const out: string[] = [];
    for (const p of paths) {
      out.push(`# ${p}`);
      out.push(...(this.files.get(p) as LabFile).content.replace(/\n$/, '').split('\n'));
    }
    return out;
  }
}
