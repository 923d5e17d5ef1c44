import { findIncidentMessage } from '../slack/find-incident-message.ts';
import { buildReminderMessage, REMINDER_EVENT_TYPE } from '../slack/messages/reminder-message.ts';
import type { ReminderCandidate } from '../store/reminders.ts';
import { toIncidentView } from './incident-view.ts';
import type { PollerDependencies } from './poll-cycle.ts';
import { postMessage } from './post-incident.ts';
import { STOP_ERRORS } from './send-pending.ts';
import { activeSnoozeOf } from './snooze-view.ts';

/** Reminders posted per cycle at most; the rest follow in later cycles. */
// NOTE: an estimate. It keeps reminders from coming in a burst when they are turned on for a
// database with many old open incidents, although each channel's posts are spaced anyway.
export const MAX_REMINDERS_PER_CYCLE = 20;

/** Candidates read per cycle; more than the maximum, because snoozed ones are skipped. */
const MAX_CANDIDATES = 200;

export interface ReminderCounts {
  reminded: number;
  failed: number;
}

/** Posts one reminder in the incident's thread unless an earlier attempt did; returns whether the channel must stop. */
async function remind(deps: PollerDependencies, candidate: ReminderCandidate, now: number, counts: ReminderCounts): Promise<boolean> {
  const { record } = candidate;
  const threadTs = candidate.threadTs ?? record.ts;
  const logger = deps.logger.child({ kind: record.kind, incidentId: record.id, channel: record.channel, threadTs });

  // The process may have stopped after Slack confirmed a reminder and before the database recorded it.
  const earlier = await findIncidentMessage(deps.slack, record.channel, { eventType: REMINDER_EVENT_TYPE, kind: record.kind, id: record.id }, { threadTs });
  let failure = earlier.ok ? undefined : earlier.failure;
  if (earlier.ok && earlier.ts === undefined) {
    const message = buildReminderMessage(toIncidentView(record), now - (record.postedAt ?? now), deps.routing.remindMention);
    const posted = await postMessage(deps.slack, record.channel, message, logger, { threadTs });
    failure = posted.ok ? undefined : posted.failure;
  }

  // A deleted message has no thread to remind in, so the reminder is dropped.
  if (failure === undefined || failure.code === 'thread_not_found') {
    deps.routing.reminders.markReminded(record.kind, record.id, now);
    counts.reminded += failure === undefined ? 1 : 0;
    if (failure === undefined) {
      logger.info('Posted a reminder about an open incident without an acknowledgement');
    }
    return false;
  }

  counts.failed += 1;
  deps.metrics?.slackErrors.inc({ method: 'chat.postMessage', code: failure.code });
  logger.error({ slackError: failure.code }, `Posting a reminder failed: ${failure.fix}. It is tried again next cycle`);
  return STOP_ERRORS.has(failure.code);
}

/**
 * Posts one reminder in the thread of each posted incident that is still open and unacknowledged
 * REMIND_UNACKED_AFTER after its post. An incident whose scope is snoozed gets none while the
 * snooze lasts. Channels are served concurrently, at most MAX_REMINDERS_PER_CYCLE reminders in all.
 */
export async function sendReminders(deps: PollerDependencies, now: number): Promise<ReminderCounts> {
  const counts: ReminderCounts = { reminded: 0, failed: 0 };
  const { remindAfterMs, reminders, snoozes } = deps.routing;
  if (remindAfterMs === undefined) {
    return counts;
  }

  const due = reminders
    .due(now - remindAfterMs, MAX_CANDIDATES)
    .filter((candidate) => activeSnoozeOf(snoozes, candidate.record, now) === undefined)
    .slice(0, MAX_REMINDERS_PER_CYCLE);

  const byChannel = new Map<string, ReminderCandidate[]>();
  for (const candidate of due) {
    byChannel.set(candidate.record.channel, [...(byChannel.get(candidate.record.channel) ?? []), candidate]);
  }

  await Promise.all(
    [...byChannel.values()].map(async (candidates) => {
      for (const candidate of candidates) {
        if (await remind(deps, candidate, now, counts)) {
          return;
        }
      }
    }),
  );
  return counts;
}
