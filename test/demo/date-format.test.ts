import { describe, expect, it } from 'vitest';
import { formatSlackDate } from '../../src/simulator/slack-page/assets/date-format.js';

const NOW = new Date('2026-12-04T12:00:00Z');
const LATE_EVENING_UTC = new Date('2026-12-03T23:30:05Z');

describe('slack date format', () => {
  it.each([
    ['{date_num}', '2026-12-04'],
    ['{date}', 'December 4th, 2026'],
    ['{date_short}', 'Dec 4, 2026'],
    ['{date_long}', 'Friday, December 4th, 2026'],
    ['{date_pretty}', 'Today'],
    ['{date_short_pretty} {time}', 'Today 5:00 AM'],
    ['{date_long_pretty}', 'Today'],
    ['{time_secs}', '5:00:05 AM'],
    ['{ago}', '12 hours ago'],
    ['Seen {date_short_pretty}', 'Seen today'],
    ['{unknown_token}', '{unknown_token}'],
  ])('formats %s in Kolkata', (format, expected) => {
    expect(formatSlackDate(LATE_EVENING_UTC, format, { now: NOW, timeZone: 'Asia/Kolkata', locale: 'en-US' })).toBe(expected);
  });

  it.each([
    ['{date_num}', '2026-12-03'],
    ['{date_short_pretty} {time}', 'Yesterday 18:30'],
  ])('formats %s in New York for a 24-hour locale', (format, expected) => {
    expect(formatSlackDate(LATE_EVENING_UTC, format, { now: NOW, timeZone: 'America/New_York', locale: 'de-DE' })).toBe(expected);
  });

  it('says tomorrow for the next day', () => {
    expect(formatSlackDate(new Date('2026-12-05T09:00:00Z'), '{date_pretty}', { now: NOW, timeZone: 'UTC', locale: 'en-US' })).toBe('Tomorrow');
  });

  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [22, '22nd'],
    [23, '23rd'],
    [24, '24th'],
  ])('writes day %d as %s', (day, expected) => {
    const date = new Date(Date.UTC(2026, 0, day, 12));

    expect(formatSlackDate(date, '{date}', { now: NOW, timeZone: 'UTC', locale: 'en-US' })).toBe(`January ${expected}, 2026`);
  });
});
