import type { Config } from '../../config/config.ts';
import { ACTION_IDS, decodeButtonValue } from '../messages/incident-buttons.ts';
import { END_SNOOZE_ACTION_ID, SNOOZE_BUTTONS } from '../messages/snooze-buttons.ts';
import { acknowledgeIncident, unacknowledgeIncident } from './acknowledge.ts';
import { outOfDate, type ActionDependencies, type ClickHandler, type ClickOutcome } from './action-dependencies.ts';
import type { ButtonClick } from './button-click.ts';
import { resolveIncident } from './resolve.ts';
import { endSnooze, snoozeFor } from './snooze.ts';
import { sendEphemeral } from './send-ephemeral.ts';

interface ButtonRoute {
  handle: ClickHandler;
  /** The allow list that applies, and the setting it comes from. */
  allowList: keyof Config['actions'];
  setting: string;
  /** The verb of the button, as in "you are not allowed to <verb> incidents". */
  verb: string;
}

/** Maps each action id of the incident buttons to its handler and allow list. */
const ROUTES: Record<string, ButtonRoute> = {
  [ACTION_IDS.acknowledge]: { handle: acknowledgeIncident, allowList: 'acknowledgeAllowed', setting: 'ACK_ALLOWED_USERS', verb: 'acknowledge' },
  [ACTION_IDS.unacknowledge]: { handle: unacknowledgeIncident, allowList: 'acknowledgeAllowed', setting: 'ACK_ALLOWED_USERS', verb: 'unacknowledge' },
  [ACTION_IDS.resolve]: { handle: resolveIncident, allowList: 'resolveAllowed', setting: 'RESOLVE_ALLOWED_USERS', verb: 'resolve' },
  // Snoozing is part of handling incidents, so the acknowledge allow list applies.
  ...Object.fromEntries(
    SNOOZE_BUTTONS.map((button): [string, ButtonRoute] => [
      button.actionId,
      { handle: snoozeFor(button.durationMs), allowList: 'acknowledgeAllowed', setting: 'ACK_ALLOWED_USERS', verb: 'snooze' },
    ]),
  ),
  [END_SNOOZE_ACTION_ID]: { handle: endSnooze, allowList: 'acknowledgeAllowed', setting: 'ACK_ALLOWED_USERS', verb: 'end snoozes of' },
};

async function decide(deps: ActionDependencies, click: ButtonClick): Promise<ClickOutcome> {
  const route = ROUTES[click.actionId];
  const target = decodeButtonValue(click.value);
  if (route === undefined || target === undefined) {
    return outOfDate(`action ${click.actionId} with value ${JSON.stringify(click.value ?? null)}`);
  }

  const decision = await deps.allowedUsers.check(click.userId, deps.allowLists[route.allowList]);
  if (decision.outcome === 'not_listed') {
    return {
      result: 'not_allowed',
      reply: `You are not allowed to ${route.verb} incidents: ${route.setting} lists neither you nor a user group of yours. Nothing was changed.`,
    };
  }
  if (decision.outcome === 'lookup_failed') {
    return {
      result: 'not_allowed',
      detail: decision.cause,
      reply: `Could not check whether you may ${route.verb} incidents (${decision.cause}). Nothing was changed; try again later.`,
    };
  }

  return route.handle(deps, click, target);
}

/**
 * Handles one click on an incident button, after Bolt acknowledged the request: checks the button
 * value and the allow list, runs the handler, writes the audit row and sends the clicker's
 * ephemeral reply. No error escapes: an unexpected one is logged, audited and reported to the clicker.
 */
export async function handleClick(deps: ActionDependencies, click: ButtonClick): Promise<ClickOutcome> {
  const at = deps.now();
  const target = decodeButtonValue(click.value);
  const logger = deps.logger.child({ actionId: click.actionId, userId: click.userId, kind: target?.kind, incidentId: target?.id });

  let outcome: ClickOutcome;
  try {
    outcome = await decide(deps, click);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.error({ err: message }, 'Handling a button click failed');
    outcome = {
      result: 'failed',
      detail: message,
      reply: 'Handling the click failed unexpectedly, so the change may not have been made. The error is in the bot log.',
    };
  }

  try {
    deps.audit.record({
      at,
      userId: click.userId,
      action: click.actionId,
      ...(target === undefined ? {} : { kind: target.kind, incidentId: target.id }),
      ...(click.channel === undefined ? {} : { channel: click.channel }),
      ...(click.messageTs === undefined ? {} : { messageTs: click.messageTs }),
      result: outcome.result,
      ...(outcome.detail === undefined ? {} : { detail: outcome.detail }),
    });
  } catch (error) {
    logger.error(
      { err: error instanceof Error ? error.message : String(error), result: outcome.result },
      'Writing the audit row of a click failed',
    );
  }

  logger.info({ result: outcome.result, detail: outcome.detail }, 'Handled a button click');
  if (outcome.reply !== undefined) {
    await sendEphemeral(deps.slack, click, outcome.reply, logger);
  }
  return outcome;
}
