import { readFileSync } from 'node:fs';

/** Settings that hold secrets; each may also be given as a file named by `<NAME>_FILE`. */
export const SECRET_SETTINGS = [
  'SEVENSIGNAL_CLIENT_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
] as const;

export type Environment = Record<string, string | undefined>;

/**
 * Returns a copy of `env` in which every `<SECRET>_FILE` setting is replaced by the trimmed content
 * of that file. Problems (both forms given, an unreadable file) are appended to `problems`.
 */
export function resolveSecretFiles(env: Environment, problems: string[]): Environment {
  const resolved: Environment = { ...env };

  for (const name of SECRET_SETTINGS) {
    const fileName = env[`${name}_FILE`];
    if (fileName === undefined || fileName === '') {
      continue;
    }

    if (env[name] !== undefined && env[name] !== '') {
      problems.push(`${name} and ${name}_FILE are both set: keep only one of them.`);
      continue;
    }

    try {
      resolved[name] = readFileSync(fileName, 'utf8').trim();
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      problems.push(`${name}_FILE: cannot read ${fileName} (${reason}): give a readable file that contains the secret.`);
    }
  }

  return resolved;
}
