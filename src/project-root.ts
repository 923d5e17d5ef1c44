import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder that contains the bot's package.json, found by walking up from this module, so that
 * files such as `migrations/` are found both from `src/` (tsx) and from the compiled `dist/src/`.
 */
export function projectRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json')) || !existsSync(join(folder, 'migrations'))) {
    const parent = resolve(folder, '..');
    if (parent === folder) {
      throw new Error(`No folder above ${fileURLToPath(import.meta.url)} contains package.json and migrations/`);
    }
    folder = parent;
  }
  return folder;
}
