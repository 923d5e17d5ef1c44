import type { AgentIncident, AlertIncident } from '../sevensignal/types.ts';
import type { IncidentView } from '../slack/messages/incident-message.ts';
import type { Acknowledgement } from '../store/acknowledgements.ts';
import type { IncidentRecord } from '../store/incident-store.ts';

/** Builds the view of `record` that its message shows: the last API data, the state and who handled it in Slack. */
export function toIncidentView(record: IncidentRecord, acknowledgement?: Acknowledgement): IncidentView {
  const handled = acknowledgement === undefined ? {} : { acknowledgement };

  if (record.kind === 'agent') {
    return { kind: 'agent', incident: JSON.parse(record.payload) as AgentIncident, state: record.state, ...handled };
  }

  const resolvedBy =
    record.resolvedBy === null || record.resolvedByAt === null
      ? {}
      : { resolvedBy: { userId: record.resolvedBy, at: record.resolvedByAt } };
  return { kind: 'alert', incident: JSON.parse(record.payload) as AlertIncident, state: record.state, ...handled, ...resolvedBy };
}
