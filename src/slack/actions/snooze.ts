import { storedIncidentFacts } from '../../routing/incident-facts.ts';
import { snoozeScopeOf } from '../../routing/snooze-scope.ts';
import { apiText, slackDate } from '../messages/mrkdwn.ts';
import { describeSnoozeMatch, describeSnoozeScope } from '../messages/snooze-label.ts';
import { outOfDate, type ClickHandler } from './action-dependencies.ts';
import { refreshAfterClick } from './refresh-after-click.ts';

/**
 * Returns the handler of a Snooze button that holds back, for `durationMs`, new incidents with the
 * clicked incident's scope. A running snooze of the scope gets the new end instead. The report of
 * what it held back goes to the channel of the clicked message when the snooze ends.
 */
export function snoozeFor(durationMs: number): ClickHandler {
  return async (deps, click, target) => {
    const record = deps.store.get(target.kind, target.id);
    const channel = click.channel ?? record?.channel ?? undefined;
    if (record === undefined || channel === undefined) {
      return outOfDate(`no ${target.kind} incident ${target.id} with a channel in the database`);
    }

    const now = deps.now();
    const facts = storedIncidentFacts(record.kind, record.organization, record.payload);
    const label = describeSnoozeScope(facts);
    const change = deps.snoozes.snooze(
      {
        scope: snoozeScopeOf(facts),
        label,
        kind: record.kind,
        incidentId: record.id,
        channel,
        messageTs: click.messageTs ?? record.ts,
        userId: click.userId,
        until: now + durationMs,
      },
      now,
    );

    const update = await refreshAfterClick(deps, target, now);
    const { snooze } = change;
    const detail = `snooze ${snooze.id} until ${new Date(snooze.until).toISOString()}`;
    const note = update.reply === undefined ? '' : ` ${update.reply}`;
    if (change.outcome === 'changed') {
      return {
        result: 'snooze_changed',
        detail,
        reply: `The snooze of ${apiText(label)} now ends at ${slackDate(snooze.until)} instead of ${slackDate(change.previousUntil)}.${note}`,
      };
    }
    return {
      result: 'snoozed',
      detail,
      reply:
        `Snoozed until ${slackDate(snooze.until)}: new incidents with ${describeSnoozeMatch(record.kind)} (${apiText(label)}) are recorded, not posted. ` +
        `When the snooze ends, one message in this channel lists them.${note}`,
    };
  };
}

/**
 * Ends the active snooze of the clicked incident's scope, from the incident message or from the
 * list of `/wifi-incidents snoozed`, and posts the report of what it held back at once. A report
 * that fails is posted by the next poll cycle.
 */
export const endSnooze: ClickHandler = async (deps, click, target) => {
  const record = deps.store.get(target.kind, target.id);
  if (record === undefined) {
    return outOfDate(`no ${target.kind} incident ${target.id} in the database`);
  }

  const now = deps.now();
  const facts = storedIncidentFacts(record.kind, record.organization, record.payload);
  const label = apiText(describeSnoozeScope(facts));
  // The snooze set on this message comes first: the incident's data, and so its scope, may have
  // changed since the snooze was set.
  const snooze = deps.snoozes.activeSetOn(record.kind, record.id, now) ?? deps.snoozes.active(snoozeScopeOf(facts), now);
  if (snooze === undefined || !deps.snoozes.end(snooze.id, click.userId, now)) {
    const update = await refreshAfterClick(deps, target, now);
    return { result: 'not_snoozed', ...update, reply: `No snooze of ${label} is active, so nothing was changed.` };
  }

  const update = await refreshAfterClick(deps, target, now);
  const report = await deps.snoozeReporter.report(snooze.id, now);
  const where = `<#${snooze.channel}>`;
  const reported = report.ok
    ? `The incidents it held back are listed in ${where}.`
    : `Posting the list of what it held back to ${where} failed (${report.failure.code}); the next poll cycle posts it.`;
  return {
    result: 'snooze_ended',
    detail: [`snooze ${snooze.id}`, report.ok ? undefined : `report failed with ${report.failure.code}`, update.detail].filter(Boolean).join('; '),
    reply: `Ended the snooze of ${label}. ${reported}${update.reply === undefined ? '' : ` ${update.reply}`}`,
  };
};
