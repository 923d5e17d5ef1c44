import type { AlertIncident } from '../../sevensignal/types.ts';
import { formatDuration } from './mrkdwn.ts';

type Snapshot = NonNullable<AlertIncident['snapshot']>;
type ResolutionReason = NonNullable<AlertIncident['resolutionReason']>;

/** Display names of the dimensions of alert rules. */
const DIMENSION_NAMES: Record<string, string> = {
  device_id: 'device',
  bssid: 'BSSID',
  network: 'network',
  band: 'band',
  location_id: 'location',
  target: 'target',
};

/** Descriptions of each `resolutionReason` 7SIGNAL sets when it resolves an alert incident. */
const RESOLUTION_REASONS: Record<ResolutionReason, string> = {
  cleared: 'the condition cleared',
  cleared_by_user: 'resolved by hand',
  rule_deleted: 'the alert rule was deleted',
  rule_config_changed: 'the alert rule was changed',
  insufficient_data: 'not enough data to evaluate the rule',
  location_deleted: 'the location was deleted',
  rule_disabled: 'the alert rule was disabled',
};

/**
 * Pairs the values of `dimensionKey` (joined by `|`) with the names in `dimensionSet`, so
 * `CorpWiFi|5` with `["network","band"]` reads `network CorpWiFi, band 5`. When the counts
 * differ, the names and the raw key are shown side by side. Returns undefined without a key.
 */
export function describeDimensions(dimensionSet: string[] | undefined, dimensionKey: string | undefined): string | undefined {
  if (dimensionKey === undefined || dimensionKey === '') {
    return undefined;
  }

  const names = (dimensionSet ?? []).map((name) => DIMENSION_NAMES[name] ?? name);
  // NOTE: a dimension value that itself contains "|" reads as two values, so such a key falls
  // into the mismatched-count branch below.
  const values = dimensionKey.split('|');
  if (names.length === 0) {
    return dimensionKey;
  }
  if (names.length !== values.length) {
    return `${names.join(', ')}: ${dimensionKey}`;
  }

  return names.map((name, index) => `${name} ${values[index]}`).join(', ');
}

/** Formats a metric value with at most two decimals, or as `not reported`. */
export function formatMetricValue(value: number | null | undefined): string {
  if (value === undefined || value === null || !Number.isFinite(value)) {
    return 'not reported';
  }
  return String(Number(value.toFixed(2)));
}

/** Describes the rule's condition when it fired, such as `avg < 70 for 5 min`; undefined without a threshold. */
export function describeThreshold(snapshot: Snapshot | undefined): string | undefined {
  if (snapshot?.thresholdValue === undefined || snapshot.thresholdOperator === undefined) {
    return undefined;
  }

  const aggregation = snapshot.aggregationFunction === undefined ? '' : `${snapshot.aggregationFunction} `;
  const pending =
    typeof snapshot.pendingPeriodSeconds === 'number' && snapshot.pendingPeriodSeconds > 0
      ? ` for ${formatDuration(snapshot.pendingPeriodSeconds * 1000)}`
      : '';
  return `${aggregation}${snapshot.thresholdOperator} ${formatMetricValue(snapshot.thresholdValue)}${pending}`;
}

/** Describes why the incident was resolved; an unknown reason is returned as sent. */
export function describeResolutionReason(reason: AlertIncident['resolutionReason'] | string | undefined): string {
  if (reason === undefined || reason === null || reason === '') {
    return 'no reason reported';
  }
  return RESOLUTION_REASONS[reason as ResolutionReason] ?? reason;
}
