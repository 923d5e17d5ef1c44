import type { App, BlockAction, BlockElementAction } from '@slack/bolt';
import { KeyedLock } from '../../poller/keyed-lock.ts';
import { ActionAudit } from '../../store/action-audit.ts';
import type { HandlerContext } from '../handler-context.ts';
import { ACTION_ID_PREFIX } from '../messages/incident-buttons.ts';
import type { ActionDependencies } from './action-dependencies.ts';
import { AllowedUsers, slackGroupMembers } from './allowed-users.ts';
import { readButtonClick } from './button-click.ts';
import { handleClick } from './handle-click.ts';

function createActionDependencies(app: App, context: HandlerContext): ActionDependencies {
  const logger = context.logger.child({ handler: 'incident-actions' });
  return {
    allowLists: context.config.actions,
    api: context.sevenSignal.api,
    slack: app.client,
    store: context.store,
    messages: context.messages,
    copyMessages: context.copyMessages,
    snoozes: context.routing.snoozes,
    snoozeReporter: context.snoozeReporter,
    audit: new ActionAudit(context.db),
    allowedUsers: new AllowedUsers(slackGroupMembers(app.client), context.now, logger),
    resolving: new KeyedLock(),
    logger,
    now: context.now,
  };
}

/**
 * Registers the handlers of the buttons on incident messages. One listener takes every action id
 * that starts with `incident_`, so a button of another bot version gets the out-of-date reply
 * instead of none.
 */
export function registerActions(app: App, context: HandlerContext): void {
  const deps = createActionDependencies(app, context);

  app.action<BlockAction<BlockElementAction>>(new RegExp(`^${ACTION_ID_PREFIX}`), async ({ ack, body, action }) => {
    // Slack shows the user an error unless the request is acknowledged within 3 seconds, and the
    // resolve call can take longer, so the work happens after ack().
    await ack();
    if (action.type !== 'button') {
      deps.logger.warn({ actionId: action.action_id, type: action.type }, 'Ignoring a non-button action on an incident message');
      return;
    }
    await handleClick(deps, readButtonClick(body, action));
  });
}
