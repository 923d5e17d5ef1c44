import { mention } from '../messages/mention.ts';
import { slackDate } from '../messages/mrkdwn.ts';
import { outOfDate, type ClickHandler } from './action-dependencies.ts';
import { refreshAfterClick } from './refresh-after-click.ts';

/**
 * Acknowledges an incident for the clicker. When someone acknowledged it first, their
 * acknowledgement stays and the clicker gets a reply naming them. A repeated click of the same
 * user changes nothing. The message is updated from SQLite either way.
 */
export const acknowledgeIncident: ClickHandler = async (deps, click, target) => {
  const now = deps.now();
  const change = deps.messages.acknowledgements.acknowledge(target.kind, target.id, click.userId, now);
  if (change.outcome === 'unknown_incident') {
    return outOfDate(`no ${target.kind} incident ${target.id} in the database`);
  }

  const update = await refreshAfterClick(deps, target, now);
  if (change.outcome === 'changed') {
    return { result: 'acknowledged', ...update };
  }

  const current = change.current;
  if (current === undefined || current.userId === click.userId) {
    return { result: 'already_acknowledged', ...update };
  }
  return {
    result: 'already_acknowledged',
    detail: `acknowledged by ${current.userId}`,
    reply: `${mention(current.userId)} already acknowledged this incident at ${slackDate(current.at)}.${update.reply === undefined ? '' : ` ${update.reply}`}`,
  };
};

/** Removes the acknowledgement of an incident, made by any user; a repeated click changes nothing. */
export const unacknowledgeIncident: ClickHandler = async (deps, _click, target) => {
  const now = deps.now();
  const change = deps.messages.acknowledgements.unacknowledge(target.kind, target.id);
  if (change.outcome === 'unknown_incident') {
    return outOfDate(`no ${target.kind} incident ${target.id} in the database`);
  }

  const update = await refreshAfterClick(deps, target, now);
  return { result: change.outcome === 'changed' ? 'unacknowledged' : 'not_acknowledged', ...update };
};
