import cron from 'node-cron';
import { z } from 'zod';
import { parseDuration } from './duration.ts';
import type { Route } from './route.ts';
import { readRoutesFile } from './routes-file.ts';
import { resolveSecretFiles, type Environment } from './secrets.ts';

/** Validated settings of the bot. */
export interface Config {
  sevenSignal: {
    apiUrl: string;
    clientId: string;
    clientSecret: string;
    /** Organizations to poll; an empty list means the organization of the API key. */
    organizations: string[];
    timeoutMs: number;
  };
  slack: {
    botToken: string;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string;
    channel: string;
    /** Minimum time between two posts to one channel, in milliseconds. */
    postIntervalMs: number;
  };
  poll: {
    schedule: string;
    lookbackMs: number;
    firstRun: 'summary' | 'post';
    /** Whether alert-rule incidents (`GET /alerting/incidents`) are polled too. */
    alertIncidents: boolean;
    /** Failed cycles in a row after which the channel is told 7SIGNAL is unreachable; 0 turns it off. */
    apiDownAlertAfter: number;
  };
  /**
   * Slack user ids (U..., W...) and user-group ids (S...) allowed to press each button; an empty
   * list allows everyone.
   */
  actions: {
    acknowledgeAllowed: string[];
    resolveAllowed: string[];
  };
  routing: {
    /** Path of the routes file; undefined when every incident goes to `slack.channel`. */
    routesFile: string | undefined;
    /** Routes in file order; empty without a routes file. */
    routes: Route[];
    /**
     * When more new incidents than this come for one channel in one poll cycle, the channel gets
     * one digest message with the incidents in its thread.
     */
    digestThreshold: number;
  };
  reminders: {
    /** How long an open incident may stay unacknowledged before its thread gets a reminder; undefined when off. */
    unacknowledgedAfterMs: number | undefined;
    /** Slack user-group id (S...) mentioned in reminders; undefined for none. */
    mention: string | undefined;
  };
  databasePath: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** Thrown by `loadConfig` with one message per invalid or missing setting. */
export class ConfigError extends Error {
  readonly code = 'invalid_config';

  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const required = (name: string, expected: string) =>
  z.string({ error: `${name} is missing: set it to ${expected}.` }).min(1, { error: `${name} is empty: set it to ${expected}.` });

const httpUrl = (name: string, fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((value) => /^https?:\/\/[^\s/]+/i.test(value) && URL.canParse(value), {
      error: (issue) => `${name} is not an http(s) URL (got "${String(issue.input)}"): set it to a URL such as ${fallback}.`,
    });

const duration = (name: string, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, context) => {
      const ms = parseDuration(value);
      if (ms === undefined) {
        context.addIssue({
          code: 'custom',
          message: `${name} is not a duration (got "${value}"): use a whole number and a unit, such as 30m, 10s or 2h.`,
        });
        return z.NEVER;
      }
      return ms;
    });

const BOOLEAN_VALUES: Record<string, boolean> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
  on: true,
  off: false,
};

const boolean = (name: string, fallback: boolean) =>
  z
    .string()
    .default(String(fallback))
    .transform((value, context) => {
      const parsed = BOOLEAN_VALUES[value.trim().toLowerCase()];
      if (parsed === undefined) {
        context.addIssue({ code: 'custom', message: `${name} is "${value}": use true or false.` });
        return z.NEVER;
      }
      return parsed;
    });

/** A Slack user id (U or W, the latter in Enterprise Grid) or a user-group id (S). */
const SLACK_MEMBER_ID = /^[UWS][A-Z0-9]{2,}$/;

const slackIdList = (name: string) =>
  z
    .string()
    .default('')
    .transform((value, context) => {
      const ids = value
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '');
      const invalid = ids.filter((id) => !SLACK_MEMBER_ID.test(id));
      if (invalid.length > 0) {
        context.addIssue({
          code: 'custom',
          message: `${name} contains ${invalid.map((id) => `"${id}"`).join(', ')}, which is not a Slack user id or user-group id: list ids such as U0123ABCD (a member's "Copy member ID") or S0123ABCD (a user group), separated by commas.`,
        });
        return z.NEVER;
      }
      return [...new Set(ids)];
    });

/** A Slack user-group id, as shown in the group's profile. */
const USER_GROUP_ID = /^S[A-Z0-9]{2,}$/;

/** A duration, or `off` (the default) for none. */
const optionalDuration = (name: string) =>
  z
    .string()
    .default('off')
    .transform((value, context) => {
      if (value.trim().toLowerCase() === 'off') {
        return undefined;
      }
      const ms = parseDuration(value);
      if (ms === undefined || ms < 60_000) {
        context.addIssue({
          code: 'custom',
          message: `${name} is "${value}": use a duration of at least 1m, such as 30m or 2h, or off.`,
        });
        return z.NEVER;
      }
      return ms;
    });

const schema = z.object({
  SEVENSIGNAL_API_URL: httpUrl('SEVENSIGNAL_API_URL', 'https://api-v2.7signal.com'),
  SEVENSIGNAL_CLIENT_ID: required('SEVENSIGNAL_CLIENT_ID', 'the API key (client id) made in Mobile Eye'),
  SEVENSIGNAL_CLIENT_SECRET: required('SEVENSIGNAL_CLIENT_SECRET', 'the secret of that API key'),
  SEVENSIGNAL_ORGANIZATION: z.string().default(''),
  SEVENSIGNAL_TIMEOUT: duration('SEVENSIGNAL_TIMEOUT', '10s'),
  SLACK_BOT_TOKEN: required('SLACK_BOT_TOKEN', 'the bot token (xoxb-...) of the installed Slack app').refine(
    (value) => value.startsWith('xoxb-'),
    { error: 'SLACK_BOT_TOKEN does not start with "xoxb-": use the Bot User OAuth Token from the app\'s OAuth & Permissions page.' },
  ),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_APP_TOKEN: z
    .string()
    .optional()
    .refine((value) => value === undefined || value === '' || value.startsWith('xapp-'), {
      error: 'SLACK_APP_TOKEN does not start with "xapp-": use an app-level token with the connections:write scope, or leave it unset for HTTP mode.',
    }),
  SLACK_API_URL: httpUrl('SLACK_API_URL', 'https://slack.com/api/'),
  SLACK_CHANNEL: required('SLACK_CHANNEL', 'the channel id (such as C0123456789) that receives incidents'),
  SLACK_POST_INTERVAL: duration('SLACK_POST_INTERVAL', '1s'),
  POLL_SCHEDULE: z
    .string()
    .default('* * * * *')
    .superRefine((value, context) => {
      const result = cron.validateDetailed(value);
      if (result.valid) {
        return;
      }
      const fieldCount = value.trim().split(/\s+/).length;
      const reasons = result.errors.map((error) =>
        error.field === 'expression'
          ? `it has ${fieldCount} ${fieldCount === 1 ? 'field' : 'fields'}`
          : `the ${error.field} field "${error.value ?? ''}" is out of range or malformed`,
      );
      context.addIssue({
        code: 'custom',
        message: `POLL_SCHEDULE is not a valid cron expression (got "${value}": ${reasons.join('; ')}): use five fields (minute hour day month weekday), or six with seconds first, such as "*/5 * * * *".`,
      });
    }),
  POLL_LOOKBACK: duration('POLL_LOOKBACK', '30m'),
  POLL_ALERT_INCIDENTS: boolean('POLL_ALERT_INCIDENTS', true),
  API_DOWN_ALERT_AFTER: z
    .string()
    .default('5')
    .refine((value) => /^\d+$/.test(value) && Number(value) <= 10_000, {
      error: (issue) =>
        `API_DOWN_ALERT_AFTER is not a count of poll cycles (got "${String(issue.input)}"): use a whole number such as 5, or 0 to turn the alert off.`,
    }),
  ACK_ALLOWED_USERS: slackIdList('ACK_ALLOWED_USERS'),
  RESOLVE_ALLOWED_USERS: slackIdList('RESOLVE_ALLOWED_USERS'),
  ROUTES_FILE: z.string().optional(),
  DIGEST_THRESHOLD: z
    .string()
    .default('5')
    .refine((value) => /^\d+$/.test(value.trim()) && Number(value) >= 1, {
      error: (issue) => `DIGEST_THRESHOLD is "${String(issue.input)}": use a whole number of incidents, 1 or more, such as 5.`,
    }),
  REMIND_UNACKED_AFTER: optionalDuration('REMIND_UNACKED_AFTER'),
  REMIND_MENTION: z
    .string()
    .optional()
    .refine((value) => value === undefined || USER_GROUP_ID.test(value.trim()), {
      error: (issue) =>
        `REMIND_MENTION is "${String(issue.input)}", which is not a user-group id: use an id such as S0123ABCD (in Slack, the group's "Copy group ID"), or leave it unset.`,
    }),
  DATABASE_PATH: z.string().min(1).default('./data/wifi-incidents.db'),
  PORT: z
    .string()
    .default('3000')
    .refine((value) => /^\d+$/.test(value) && Number(value) >= 0 && Number(value) <= 65535, {
      error: (issue) => `PORT is not a port number (got "${String(issue.input)}"): use a whole number from 0 to 65535.`,
    }),
  FIRST_RUN: z.enum(['summary', 'post'], {
    error: (issue) => `FIRST_RUN is "${String(issue.input)}": use "summary" (the default) or "post".`,
  }).default('summary'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    error: (issue) => `LOG_LEVEL is "${String(issue.input)}": use one of fatal, error, warn, info, debug, trace, silent.`,
  }).default('info'),
});

/** Drops empty values so that `NAME=` in a .env file means "use the default". */
function withoutEmptyValues(env: Environment): Environment {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
}

/**
 * Reads and validates the settings from `env`.
 * Throws a ConfigError that lists every problem at once, each naming the setting and the fix.
 */
export function loadConfig(env: Environment): Config {
  const problems: string[] = [];
  const resolved = withoutEmptyValues(resolveSecretFiles(env, problems));
  const result = schema.safeParse(resolved);

  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push(issue.message);
    }
  }

  if (!resolved.SLACK_APP_TOKEN && !resolved.SLACK_SIGNING_SECRET) {
    problems.push(
      'SLACK_SIGNING_SECRET is missing: set it to the Signing Secret from the app\'s Basic Information page, or set SLACK_APP_TOKEN to use Socket Mode.',
    );
  }

  if (resolved.REMIND_MENTION && !resolved.REMIND_UNACKED_AFTER) {
    problems.push('REMIND_MENTION is set but REMIND_UNACKED_AFTER is not: set REMIND_UNACKED_AFTER, such as 30m, or unset REMIND_MENTION.');
  }

  const routesFile = resolved.ROUTES_FILE;
  const routes = routesFile === undefined ? { ok: true as const, routes: [] } : readRoutesFile(routesFile);
  if (!routes.ok) {
    problems.push(...routes.problems.map((problem) => `ROUTES_FILE ${problem}`));
  }

  if (problems.length > 0 || !result.success || !routes.ok) {
    throw new ConfigError(problems);
  }

  const settings = result.data;
  return {
    sevenSignal: {
      apiUrl: settings.SEVENSIGNAL_API_URL.replace(/\/+$/, ''),
      clientId: settings.SEVENSIGNAL_CLIENT_ID,
      clientSecret: settings.SEVENSIGNAL_CLIENT_SECRET,
      organizations: settings.SEVENSIGNAL_ORGANIZATION.split(',')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
      timeoutMs: settings.SEVENSIGNAL_TIMEOUT,
    },
    slack: {
      botToken: settings.SLACK_BOT_TOKEN,
      signingSecret: settings.SLACK_SIGNING_SECRET,
      appToken: settings.SLACK_APP_TOKEN || undefined,
      apiUrl: settings.SLACK_API_URL.endsWith('/') ? settings.SLACK_API_URL : `${settings.SLACK_API_URL}/`,
      channel: settings.SLACK_CHANNEL,
      postIntervalMs: settings.SLACK_POST_INTERVAL,
    },
    poll: {
      schedule: settings.POLL_SCHEDULE,
      lookbackMs: settings.POLL_LOOKBACK,
      firstRun: settings.FIRST_RUN,
      alertIncidents: settings.POLL_ALERT_INCIDENTS,
      apiDownAlertAfter: Number(settings.API_DOWN_ALERT_AFTER),
    },
    actions: {
      acknowledgeAllowed: settings.ACK_ALLOWED_USERS,
      resolveAllowed: settings.RESOLVE_ALLOWED_USERS,
    },
    routing: {
      routesFile,
      routes: routes.routes,
      digestThreshold: Number(settings.DIGEST_THRESHOLD),
    },
    reminders: {
      unacknowledgedAfterMs: settings.REMIND_UNACKED_AFTER,
      mention: settings.REMIND_MENTION?.trim(),
    },
    databasePath: settings.DATABASE_PATH,
    port: Number(settings.PORT),
    logLevel: settings.LOG_LEVEL,
  };
}
