import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_PORT, DEFAULT_SCENARIO, parseDemoArguments } from '../../src/demo/demo-arguments.ts';

describe('demo arguments', () => {
  it('uses defaults', () => {
    expect(parseDemoArguments([], {})).toEqual({ kind: 'run', scenarioFile: DEFAULT_SCENARIO, pagePort: DEFAULT_PAGE_PORT, botLogLevel: 'warn' });
  });

  it('reads every option', () => {
    const parsed = parseDemoArguments(['--scenario', '/tmp/storm.json', '--port', '0', '--bot-log-level', 'info'], {});

    expect(parsed).toEqual({ kind: 'run', scenarioFile: '/tmp/storm.json', pagePort: 0, botLogLevel: 'info' });
  });

  it('resolves a relative scenario against INIT_CWD', () => {
    const parsed = parseDemoArguments(['--scenario', 'scenarios/storm.json'], { INIT_CWD: '/home/ops/work' });

    expect(parsed).toMatchObject({ scenarioFile: '/home/ops/work/scenarios/storm.json' });
  });

  it('asks for help', () => {
    expect(parseDemoArguments(['--help'], {})).toEqual({ kind: 'help' });
  });

  it.each([
    [['--port', 'http'], '--port is "http": use a port number from 0 to 65535'],
    [['--port', '70000'], '--port is "70000": use a port number from 0 to 65535'],
    [['--port=-1'], '--port is "-1": use a port number from 0 to 65535'],
    [['--bot-log-level', 'loud'], '--bot-log-level is "loud": use one of fatal, error, warn, info, debug, trace, silent'],
  ])('rejects %j', (args, problem) => {
    expect(parseDemoArguments(args, {})).toEqual({ kind: 'invalid', problem });
  });

  it.each([[['--speed', '2']], [['extra']], [['--scenario']]])('rejects unknown or incomplete %j', (args) => {
    expect(parseDemoArguments(args, {})).toMatchObject({ kind: 'invalid' });
  });
});
