/**
 * `npm run bench`: runs every benchmark and prints its figures as JSON lines.
 * Record new figures, the machine line and the command in docs/benchmarks.md.
 */
import { describeMachine } from './machine.ts';
import { benchPollCycle } from './poll-cycle.ts';
import { benchPollCycleProcess } from './poll-cycle-process.ts';
import { benchSlashCommand } from './slash-command.ts';

const benchmarks: Record<string, () => Promise<unknown>> = {
  'poll-cycle': benchPollCycle,
  'poll-cycle-process': benchPollCycleProcess,
  'slash-command': () => benchSlashCommand(),
};

const only = process.argv.slice(2);
console.log(JSON.stringify({ machine: describeMachine() }));

for (const [name, run] of Object.entries(benchmarks)) {
  if (only.length > 0 && !only.includes(name)) {
    continue;
  }
  const figures = await run();
  console.log(JSON.stringify({ benchmark: name, ...(figures as object) }));
}
