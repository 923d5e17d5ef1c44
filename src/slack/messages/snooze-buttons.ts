import { encodeButtonValue, type ButtonTarget } from './incident-buttons.ts';
import type { types } from '@slack/bolt';
import type { Block } from './slack-message.ts';

const HOUR = 3_600_000;

/** The snooze buttons: action id, label and duration. Action ids start with `incident_` like the other incident buttons. */
export const SNOOZE_BUTTONS = [
  { actionId: 'incident_snooze_1h', label: 'Snooze 1 h', durationMs: HOUR },
  { actionId: 'incident_snooze_4h', label: 'Snooze 4 h', durationMs: 4 * HOUR },
  { actionId: 'incident_snooze_24h', label: 'Snooze 24 h', durationMs: 24 * HOUR },
] as const;

/** Action id of the button that ends the snooze of an incident's scope. */
export const END_SNOOZE_ACTION_ID = 'incident_snooze_end';

/** Block id of the snooze buttons, below the incident's other buttons. */
export const SNOOZE_BLOCK_ID = 'incident_snooze';

/** Builds the End snooze button for the incident `target`, whose scope a snooze holds back. */
export function buildEndSnoozeButton(target: ButtonTarget): types.Button {
  return { type: 'button', action_id: END_SNOOZE_ACTION_ID, text: { type: 'plain_text', text: 'End snooze' }, value: encodeButtonValue(target) };
}

/**
 * Builds the actions block under an incident message: End snooze while its scope is snoozed,
 * otherwise one button per snooze duration.
 */
export function buildSnoozeButtons(target: ButtonTarget, snoozed: boolean): Block {
  const value = encodeButtonValue(target);
  const elements: Extract<Block, { type: 'actions' }>['elements'] = snoozed
    ? [buildEndSnoozeButton(target)]
    : SNOOZE_BUTTONS.map((button) => ({ type: 'button', action_id: button.actionId, text: { type: 'plain_text', text: button.label }, value }));
  return { type: 'actions', block_id: SNOOZE_BLOCK_ID, elements };
}
