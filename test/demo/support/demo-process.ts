import { spawn, type ChildProcess } from 'node:child_process';
import { PROJECT_ROOT } from '../../support/run-cli.ts';

/** `npm run demo` started in its own process group, as a terminal starts it. */
export interface DemoProcess {
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Waits for a line matching `pattern` and returns the match. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** Sends SIGINT to the whole process group, as Ctrl-C in a terminal does. */
  interrupt(): void;
  /** Resolves with the exit code of npm once it exited and every process of the demo closed its output. */
  exited: Promise<number | null>;
  /** Kills the process group if it still runs; for cleanup after a failed test. */
  kill(): void;
}

/** Starts `npm run demo -- ARGS` in the project folder. */
export function spawnDemo(args: string[]): DemoProcess {
  const child: ChildProcess = spawn('npm', ['run', 'demo', '--', ...args], {
    cwd: PROJECT_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let text = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);

  let running = true;
  const exited = new Promise<number | null>((resolve) => {
    // 'close' waits for the output pipes, which the demo's node process keeps open until it exits.
    child.on('close', (code) => {
      running = false;
      for (const listener of listeners) listener();
      resolve(code);
    });
  });

  const signalGroup = (signal: NodeJS.Signals): void => {
    if (running && child.pid !== undefined) {
      process.kill(-child.pid, signal);
    }
  };

  return {
    output: () => text,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(text);
          if (match !== null) {
            finish();
            resolve(match);
          } else if (!running) {
            finish();
            reject(new Error(`npm run demo exited before printing ${pattern}:\n${text}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`npm run demo did not print ${pattern} within ${timeoutMs} ms:\n${text}`));
        }, timeoutMs);
        const finish = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    interrupt: () => signalGroup('SIGINT'),
    exited,
    kill: () => signalGroup('SIGKILL'),
  };
}
