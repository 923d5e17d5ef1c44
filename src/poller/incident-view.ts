import type { AgentIncident, AlertIncident } from '../sevensignal/types.ts';
import type { IncidentView, SnoozeView } from '../slack/messages/incident-message.ts';
import type { Acknowledgement } from '../store/acknowledgements.ts';
import type { IncidentRecord } from '../store/incident-store.ts';

/**
 * Builds the view of `record` that its message shows: the last API data, the state, who handled
 * it in Slack and the snooze of its scope.
 */
export function toIncidentView(record: IncidentRecord, acknowledgement?: Acknowledgement, snooze?: SnoozeView): IncidentView {
  const handled = { ...(acknowledgement === undefined ? {} : { acknowledgement }), ...(snooze === undefined ? {} : { snooze }) };

  if (record.kind === 'agent') {
    return { kind: 'agent', incident: JSON.parse(record.payload) as AgentIncident, state: record.state, ...handled };
  }

  const resolvedBy =
    record.resolvedBy === null || record.resolvedByAt === null
      ? {}
      : { resolvedBy: { userId: record.resolvedBy, at: record.resolvedByAt } };
  return { kind: 'alert', incident: JSON.parse(record.payload) as AlertIncident, state: record.state, ...handled, ...resolvedBy };
}
