import type { ButtonTarget } from '../messages/incident-buttons.ts';
import type { ActionDependencies } from './action-dependencies.ts';

/**
 * Updates the clicked incident's message and its copies to show the state in SQLite. When Slack
 * rejects the update, the message is marked outdated so the next poll cycle refreshes it, and the
 * returned detail and reply state that.
 */
export async function refreshAfterClick(
  deps: ActionDependencies,
  target: ButtonTarget,
  now: number,
): Promise<{ detail?: string; reply?: string }> {
  const outcome = await deps.messages.refresh(target.kind, target.id, now);
  // Copies in further channels follow; one that fails is refreshed by the next poll cycle.
  await deps.copyMessages.refreshAll(target.kind, target.id, now);

  if (outcome.outcome === 'failed') {
    deps.messages.lifecycle.markStale(target.kind, target.id);
    deps.logger.error(
      { kind: target.kind, incidentId: target.id, slackError: outcome.failure.code },
      `Updating the incident message after a click failed: ${outcome.failure.fix}. The next poll cycle updates it`,
    );
    return {
      detail: `chat.update failed with ${outcome.failure.code}`,
      reply: `The change is saved, but updating the message failed (${outcome.failure.code}); the next poll cycle updates it.`,
    };
  }

  if (outcome.outcome === 'message_not_found') {
    return { detail: 'the message was deleted in Slack' };
  }
  return {};
}
