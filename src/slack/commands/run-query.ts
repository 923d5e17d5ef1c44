import type { TimeWindow } from '../../sevensignal/windows.ts';
import { buildAgentQueryMessage } from '../messages/agent-query-message.ts';
import { buildAlertQueryMessage } from '../messages/alert-query-message.ts';
import type { QueryResultFrame } from '../messages/query-result-message.ts';
import type { SlackMessage } from '../messages/slack-message.ts';
import type { HandlerContext } from '../handler-context.ts';
import { describeFilters, describeWindow } from './describe-query.ts';
import type { IncidentQuery } from './incident-query.ts';
import { queryAgentIncidents } from './query-agent-incidents.ts';
import { queryAlertIncidents } from './query-alert-incidents.ts';
import { encodeSharedQuery, POST_TO_CHANNEL_ACTION_ID } from './shared-query.ts';
import { WIFI_INCIDENTS_COMMAND } from './usage-message.ts';

export interface QueryRequest {
  query: IncidentQuery;
  /** The text after the command name, as typed. */
  text: string;
  /** End of the window, in epoch milliseconds. */
  asOf: number;
  /** Adds the "Post to channel" button, for the private reply. */
  shareable: boolean;
  /** The Slack user id shown as the poster, for the copy posted to the channel. */
  postedBy?: string;
}

export interface QueryReply {
  message: SlackMessage;
  /** Number of incidents that matched, for the log. */
  matched: number;
}

/**
 * Runs the query through the bot's one authenticated 7SIGNAL client and builds the reply message.
 * Throws the SevenSignalError of a failed API call.
 */
export async function runQuery(context: HandlerContext, request: QueryRequest): Promise<QueryReply> {
  const { query, asOf } = request;
  const window: TimeWindow = { from: asOf - query.window.ms, to: asOf };
  const { api } = context.sevenSignal;
  const organizations = context.config.sevenSignal.organizations;

  const shareValue = request.shareable ? encodeSharedQuery({ text: request.text, asOf }) : undefined;
  const frame: QueryResultFrame = {
    commandText: `${WIFI_INCIDENTS_COMMAND} ${request.text}`.trim(),
    windowText: describeWindow(query.window),
    filterTexts: describeFilters(query.filters),
    activeOnly: query.filters.activeOnly,
    asOf,
    ...(shareValue === undefined ? {} : { share: { actionId: POST_TO_CHANNEL_ACTION_ID, value: shareValue, text: 'Post to channel' } }),
    ...(request.postedBy === undefined ? {} : { postedBy: request.postedBy }),
  };

  // One deadline for the whole query, retries and rate-limit waits included, so the user hears
  // back within the 7SIGNAL timeout even when the API does not answer.
  const signal = AbortSignal.timeout(context.config.sevenSignal.timeoutMs);

  if (query.source === 'alert') {
    const incidents = await queryAlertIncidents(api, window, query.filters, organizations, asOf, signal);
    return { message: buildAlertQueryMessage(frame, incidents), matched: incidents.length };
  }

  const result = await queryAgentIncidents(api, window, query.filters, organizations, asOf, signal);
  const message = buildAgentQueryMessage(frame, {
    incidents: result.incidents,
    listedLocationNames: result.listedLocationNames,
    filteredByLocationName: query.filters.locationName !== undefined,
  });
  return { message, matched: result.incidents.length };
}
