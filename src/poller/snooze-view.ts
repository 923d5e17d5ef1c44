import { storedIncidentFacts } from '../routing/incident-facts.ts';
import { snoozeScopeOf } from '../routing/snooze-scope.ts';
import type { SnoozeView } from '../slack/messages/incident-message.ts';
import type { IncidentRecord } from '../store/incident-store.ts';
import type { Snooze, SnoozeStore } from '../store/snoozes.ts';

/** Returns the snooze that holds back incidents like `record` at `now`, if any. */
export function activeSnoozeOf(snoozes: SnoozeStore, record: Pick<IncidentRecord, 'kind' | 'organization' | 'payload'>, now: number): Snooze | undefined {
  return snoozes.active(snoozeScopeOf(storedIncidentFacts(record.kind, record.organization, record.payload)), now);
}

/** Returns a lookup of the snooze an incident message shows, for IncidentMessages. */
export function snoozeViews(snoozes: SnoozeStore): (record: IncidentRecord, now: number) => SnoozeView | undefined {
  return (record, now) => {
    const snooze = activeSnoozeOf(snoozes, record, now);
    return snooze === undefined ? undefined : { until: snooze.until, userId: snooze.setBy, label: snooze.label };
  };
}
