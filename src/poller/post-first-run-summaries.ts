import type { IncidentFacts } from '../routing/incident-facts.ts';
import type { SlackMessage } from '../slack/messages/slack-message.ts';
import type { PollerDependencies } from './poll-cycle.ts';
import { postMessage } from './post-incident.ts';

/**
 * Posts the first-run summary to each channel the listed incidents route to, built from the
 * incidents of that channel only. The default channel gets one even without incidents when
 * `summarizeNone` is set, so that it learns that the bot is watching. A failed post to the default
 * channel throws, so that the next cycle runs the first run again. A failed post to another channel
 * is logged and not repeated.
 */
export async function postFirstRunSummaries(
  deps: PollerDependencies,
  incidents: IncidentFacts[],
  build: (ids: Set<string>) => SlackMessage,
  summarizeNone = true,
): Promise<void> {
  const byChannel = new Map<string, Set<string>>();
  if (summarizeNone) {
    byChannel.set(deps.channel, new Set());
  }
  for (const facts of incidents) {
    for (const channel of deps.routing.router.channelsFor(facts)) {
      byChannel.set(channel, (byChannel.get(channel) ?? new Set()).add(facts.id));
    }
  }

  // The default channel goes first: its failure stops the others, which are then posted on the retry.
  const channels = [...byChannel.keys()].sort((a, b) => Number(b === deps.channel) - Number(a === deps.channel));
  for (const channel of channels) {
    const posted = await postMessage(deps.slack, channel, build(byChannel.get(channel)!), deps.logger);
    if (posted.ok) {
      continue;
    }
    if (channel === deps.channel) {
      throw new Error(`Posting the first-run summary to channel ${channel} failed (${posted.failure.code}): ${posted.failure.fix}`);
    }
    deps.metrics?.slackErrors.inc({ method: 'chat.postMessage', code: posted.failure.code });
    deps.logger.error(
      { channel, slackError: posted.failure.code },
      `Posting the first-run summary to a routed channel failed: ${posted.failure.fix}. It is not posted again`,
    );
  }
}
