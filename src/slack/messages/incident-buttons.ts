import type { IncidentKind } from '../../store/incident-store.ts';
import { plainApiText, truncate } from './mrkdwn.ts';
import type { Block } from './slack-message.ts';

/** Action ids of the buttons on incident messages; all start with `incident_`. */
export const ACTION_IDS = {
  acknowledge: 'incident_acknowledge',
  unacknowledge: 'incident_unacknowledge',
  resolve: 'incident_resolve',
} as const;

export type IncidentAction = keyof typeof ACTION_IDS;

/** Prefix shared by every action id above, so one listener can catch ids of other bot versions. */
export const ACTION_ID_PREFIX = 'incident_';

/** Version of the button value format; a value of another version is out of date. */
const VALUE_VERSION = 'v1';

/** Maximum length of an incident id in a button value; 7SIGNAL ids are 36-character UUIDs. */
const MAX_ID_LENGTH = 200;

const VALUE_PATTERN = new RegExp(`^${VALUE_VERSION}:(agent|alert):(\\S+)$`);

/** Block Kit limit of a confirmation dialog's text. */
const MAX_CONFIRM_TEXT = 300;

/** The incident a button belongs to. */
export interface ButtonTarget {
  kind: IncidentKind;
  id: string;
}

/** Encodes the incident of a button as its value, such as `v1:alert:<id>`. */
export function encodeButtonValue(target: ButtonTarget): string {
  return `${VALUE_VERSION}:${target.kind}:${target.id}`;
}

/** Decodes a button value; undefined when it has another version or shape. */
export function decodeButtonValue(value: string | undefined): ButtonTarget | undefined {
  const match = value === undefined ? null : VALUE_PATTERN.exec(value);
  if (match === null || match[2]!.length > MAX_ID_LENGTH) {
    return undefined;
  }
  return { kind: match[1] as IncidentKind, id: match[2]! };
}

/** The incident and state that the buttons of one message depend on. */
export interface ButtonState extends ButtonTarget {
  acknowledged: boolean;
  /** Whether the incident can still be resolved by hand: an alert incident that is not resolved. */
  resolvable: boolean;
  /** Short description for the confirmation dialog, such as the metric and dimensions. */
  summary: string;
}

/**
 * Builds the actions block: Acknowledge (or Unacknowledge once acknowledged) and, for an alert
 * incident that is not resolved, Resolve with a confirmation dialog.
 */
export function buildIncidentButtons(state: ButtonState): Block {
  const value = encodeButtonValue(state);
  const elements: Extract<Block, { type: 'actions' }>['elements'] = [
    state.acknowledged
      ? { type: 'button', action_id: ACTION_IDS.unacknowledge, text: { type: 'plain_text', text: 'Unacknowledge' }, value }
      : {
          type: 'button',
          action_id: ACTION_IDS.acknowledge,
          text: { type: 'plain_text', text: 'Acknowledge' },
          style: 'primary',
          value,
        },
  ];

  if (state.resolvable) {
    elements.push({
      type: 'button',
      action_id: ACTION_IDS.resolve,
      text: { type: 'plain_text', text: 'Resolve' },
      style: 'danger',
      value,
      confirm: {
        title: { type: 'plain_text', text: 'Resolve this alert incident?' },
        text: {
          type: 'plain_text',
          text: truncate(
            `7SIGNAL marks the incident ${plainApiText(state.summary)} as resolved by hand, for everyone.`,
            MAX_CONFIRM_TEXT,
          ),
        },
        confirm: { type: 'plain_text', text: 'Resolve' },
        deny: { type: 'plain_text', text: 'Cancel' },
        style: 'danger',
      },
    });
  }

  return { type: 'actions', block_id: 'incident_actions', elements };
}
