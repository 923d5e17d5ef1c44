import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { checkScenario, type ScenarioProblem } from './check-scenario.ts';
import { scenarioSchema, type Scenario } from './scenario-schema.ts';

/** Thrown when a scenario file cannot be read or is invalid, with one message per problem. */
export class ScenarioError extends Error {
  readonly problems: string[];

  constructor(
    readonly file: string,
    problems: string[],
  ) {
    super(`Invalid scenario ${file}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ScenarioError';
    this.problems = problems;
  }
}

/** Formats a zod issue path as `agentIncidents[2].timeline[0].at`. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : `${text === '' ? '' : '.'}${String(part)}`;
  }
  return text === '' ? '(top level)' : text;
}

function describeIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

function describeProblems(problems: ScenarioProblem[]): string[] {
  return problems.map((problem) => `${problem.path}: ${problem.message}`);
}

/** Validates parsed JSON as a scenario; `file` names it in errors. Throws ScenarioError. */
export function parseScenario(json: unknown, file: string): Scenario {
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) {
    throw new ScenarioError(file, describeIssues(parsed.error.issues));
  }

  const problems = checkScenario(parsed.data);
  if (problems.length > 0) {
    throw new ScenarioError(file, describeProblems(problems));
  }
  return parsed.data;
}

/** Reads and validates a scenario file in JSON. Throws ScenarioError. */
export async function loadScenario(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScenarioError(file, [`the file cannot be read (${reason})`]);
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScenarioError(file, [`the file is not valid JSON (${reason})`]);
  }
  return parseScenario(json, file);
}
