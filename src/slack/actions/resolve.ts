import { observeAlertIncident } from '../../poller/incident-observation.ts';
import type { SevenSignalError } from '../../sevensignal/errors.ts';
import type { AlertIncident } from '../../sevensignal/types.ts';
import type { IncidentRecord } from '../../store/incident-store.ts';
import { describeResolutionReason } from '../messages/alert-incident-facts.ts';
import { apiText, escapeMrkdwn } from '../messages/mrkdwn.ts';
import type { ActionDependencies, ClickHandler, ClickOutcome } from './action-dependencies.ts';
import { outOfDate } from './action-dependencies.ts';
import { refreshAfterClick } from './refresh-after-click.ts';
import { fetchAlertIncident, resolveAlertIncident } from './resolve-alert-incident.ts';

function failureDetail(error: SevenSignalError): string {
  return `${error.code}: ${error.message}`;
}

/**
 * Announces the resolution in Slack (message in place and one thread reply), and on each copy in
 * further channels. A failed announcement stays pending in SQLite and the next poll cycle makes it.
 */
async function announceResolution(deps: ActionDependencies, record: IncidentRecord, now: number): Promise<{ detail?: string; reply?: string }> {
  for (const copy of deps.copyMessages.postedCopiesOf(record.kind, record.id)) {
    const copied = await deps.copyMessages.announce(copy, now);
    if (copied.outcome === 'failed') {
      deps.logger.error(
        { kind: record.kind, incidentId: record.id, channel: copy.channel, slackError: copied.failure.code },
        `Announcing the resolution on a copy failed: ${copied.failure.fix}. The next poll cycle announces it`,
      );
    }
  }

  const outcome = await deps.messages.announce(record.kind, record.id, now);
  if (outcome.outcome !== 'failed') {
    return {};
  }

  deps.logger.error(
    { kind: record.kind, incidentId: record.id, slackError: outcome.failure.code },
    `Announcing the resolution in Slack failed: ${outcome.failure.fix}. The next poll cycle announces it`,
  );
  return {
    detail: `announcing in Slack failed with ${outcome.failure.code}`,
    reply: `Updating the message failed (${outcome.failure.code}); the next poll cycle updates it.`,
  };
}

/**
 * Records a resolution that someone or something made before the click (a 409), with the
 * incident as 7SIGNAL now returns it. When that read fails too, the stored data is kept and the
 * message shows the incident as resolved without a time.
 */
async function recordEarlierResolution(deps: ActionDependencies, record: IncidentRecord): Promise<AlertIncident> {
  let incident = JSON.parse(record.payload) as AlertIncident;
  try {
    incident = await fetchAlertIncident(deps.api, record.id, record.organization);
  } catch (error) {
    deps.logger.warn(
      { incidentId: record.id, err: error instanceof Error ? error.message : String(error) },
      'Reading the already resolved alert incident failed; the message shows it resolved without a time',
    );
  }

  const observed = observeAlertIncident(incident);
  deps.messages.lifecycle.markResolved('alert', record.id, { payload: observed.payload, fingerprint: observed.fingerprint ?? null });
  return incident;
}

/**
 * Resolves an alert-rule incident in 7SIGNAL after the clicker confirmed the dialog. On success
 * and on a 409 (resolved already) the message shows the incident resolved. On a 404 or another
 * failure the message stays as it is and the clicker gets the cause. Clicks on one incident run
 * one at a time, so a second click finds the first one's resolution in SQLite and makes no API call.
 */
export const resolveIncident: ClickHandler = async (deps, click, target) => {
  if (target.kind !== 'alert') {
    return outOfDate(`a resolve button on ${target.kind} incident ${target.id}`);
  }
  return deps.resolving.run(target.id, () => resolveAlert(deps, click, target));
};

const resolveAlert: ClickHandler = async (deps, click, target) => {
  const record = deps.store.get('alert', target.id);
  if (record === undefined) {
    return outOfDate(`no alert incident ${target.id} in the database`);
  }

  if (record.state === 'resolved') {
    const update = await refreshAfterClick(deps, target, deps.now());
    return { result: 'already_resolved', detail: 'resolved before the click', reply: 'This incident is already resolved.', ...update };
  }

  const result = await resolveAlertIncident(deps.api, target.id, record.organization);
  const now = deps.now();

  if (result.outcome === 'resolved') {
    const observed = observeAlertIncident({ ...result.incident, id: target.id });
    deps.messages.lifecycle.markResolved('alert', target.id, {
      payload: observed.payload,
      fingerprint: observed.fingerprint ?? null,
      userId: click.userId,
      at: now,
    });
    return { result: 'resolved', ...(await announceResolution(deps, record, now)) };
  }

  if (result.outcome === 'already_resolved') {
    const incident = await recordEarlierResolution(deps, record);
    const announced = await announceResolution(deps, record, now);
    const reason = incident.resolutionReason === undefined || incident.resolutionReason === null ? '' : ` (${apiText(describeResolutionReason(incident.resolutionReason))})`;
    const note = `7SIGNAL had already resolved this incident${reason}; the message now shows it as resolved.`;
    return {
      result: 'already_resolved',
      detail: [failureDetail(result.error), announced.detail].filter(Boolean).join('; '),
      reply: announced.reply === undefined ? note : `${note} ${announced.reply}`,
    };
  }

  const outcome: ClickOutcome = { result: result.outcome, detail: failureDetail(result.error) };
  if (result.outcome === 'not_found') {
    outcome.reply = `Resolving failed: 7SIGNAL has no alert incident ${target.id} (HTTP 404); it may have been deleted. Nothing was changed.`;
  } else {
    outcome.reply = `Resolving failed: ${escapeMrkdwn(result.error.message)}. Nothing was changed; try again later.`;
  }
  deps.logger.warn(
    { incidentId: target.id, err: result.error.message, code: result.error.code, requestId: result.error.requestId },
    'Resolving the alert incident in 7SIGNAL failed',
  );
  return outcome;
};
