/**
 * Shape of a scenario file: the sites of an organization, agent incidents and alert-rule incidents,
 * each with a timeline of events at offsets from the start of the run.
 */
import { z } from 'zod';
import { parseOffset } from './scenario-offset.ts';

const offset = z.string().transform((text, context) => {
  const ms = parseOffset(text);
  if (ms === undefined) {
    context.addIssue({
      code: 'custom',
      message: `"${text}" is not a time offset: use whole numbers with units ms, s, m or h, such as 20s, 2m30s or -14m`,
    });
    return z.NEVER;
  }
  return ms;
});

const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'use lowercase letters, digits and dashes, such as main-floor-2' });

/** Wi-Fi bands in GHz, as the API reports them. */
export const BANDS = [2.4, 5, 6] as const;
const band = z.union(BANDS.map((value) => z.literal(value)), { error: 'a band is 2.4, 5 or 6 (GHz)' });

const count = z.int().nonnegative();

const network = z.strictObject({
  ssid: z.string().min(1),
  bands: z.array(band).min(1),
});

const site = z.strictObject({
  key,
  /** Location id, a UUID as 7SIGNAL sends it. */
  id: z.uuid(),
  name: z.string().min(1),
  networks: z.array(network).min(1),
});

const thresholds = z.strictObject({
  warningThreshold: z.number().optional(),
  criticalThreshold: z.number().optional(),
  successRateThreshold: z.number().optional(),
  minPopulationCount: count.optional(),
  minCountImpacted: count.optional(),
  minPercentImpacted: z.number().optional(),
  minIncidentDurationMinutes: count.optional(),
});

const agentEvent = z.discriminatedUnion('event', [
  z.strictObject({ at: offset, event: z.literal('start'), countImpacted: count }),
  z.strictObject({ at: offset, event: z.literal('qualify'), countImpacted: count.optional() }),
  z.strictObject({ at: offset, event: z.literal('impact'), countImpacted: count }),
  z.strictObject({ at: offset, event: z.literal('recover') }),
]);

const agentIncident = z.strictObject({
  id: z.uuid(),
  /** Incident type, an open string such as CONNECTION. */
  type: z.string().min(1),
  site: key,
  network: z.string().min(1),
  band,
  populationCount: z.int().positive(),
  /** Overrides of the scenario's `thresholds` for this incident. */
  thresholds: thresholds.optional(),
  timeline: z.array(agentEvent).min(1),
});

const DIMENSIONS = ['device_id', 'bssid', 'network', 'band', 'location_id', 'target'] as const;
const RESOLUTION_REASONS = [
  'cleared',
  'cleared_by_user',
  'rule_deleted',
  'rule_config_changed',
  'insufficient_data',
  'location_deleted',
  'rule_disabled',
] as const;

const alertRule = z.strictObject({
  key,
  id: z.uuid(),
  metric: z.string().min(1),
  dimensionSet: z.array(z.enum(DIMENSIONS)).min(1),
  aggregationFunction: z.enum(['avg', 'min', 'max']),
  thresholdOperator: z.enum(['<', '<=', '>', '>=']),
  thresholdValue: z.number(),
  pendingPeriodSeconds: count,
});

const alertEvent = z.discriminatedUnion('event', [
  z.strictObject({ at: offset, event: z.literal('fire'), value: z.number() }),
  z.strictObject({
    at: offset,
    event: z.literal('clear'),
    value: z.number().optional(),
    reason: z.enum(RESOLUTION_REASONS).default('cleared'),
  }),
]);

const alertIncident = z.strictObject({
  id: z.uuid(),
  ticketId: z.string().min(1),
  rule: key,
  /** One value per dimension of the rule, in the rule's order; the API joins them with `|`. */
  dimensions: z.array(z.string().min(1)).min(1),
  timeline: z.array(alertEvent).min(1),
});

export const scenarioSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  /** `organizationName` of the agent incidents. */
  organization: z.string().min(1),
  /** Thresholds of every agent incident unless the incident overrides them. */
  thresholds,
  sites: z.array(site).min(1),
  agentIncidents: z.array(agentIncident).default([]),
  alertRules: z.array(alertRule).default([]),
  alertIncidents: z.array(alertIncident).default([]),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioSite = Scenario['sites'][number];
export type ScenarioThresholds = Scenario['thresholds'];
export type AgentIncidentPlan = Scenario['agentIncidents'][number];
export type AgentEvent = AgentIncidentPlan['timeline'][number];
export type AlertRulePlan = Scenario['alertRules'][number];
export type AlertIncidentPlan = Scenario['alertIncidents'][number];
export type AlertEvent = AlertIncidentPlan['timeline'][number];
