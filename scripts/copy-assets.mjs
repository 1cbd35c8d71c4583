// Copies the non-TypeScript files that ship with the build (platform and lab YAML) into dist/.
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const from = 'src';
const to = 'dist';
const assets = ['.yaml', '.yml'];

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (assets.some((ext) => name.endsWith(ext))) cpSync(path, join(to, relative(from, path)));
  }
}

if (existsSync(from)) walk(from);
