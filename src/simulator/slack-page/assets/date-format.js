// Formats Slack date tokens (`<!date^SECONDS^FORMAT|fallback>`) in the viewer's time zone, the way
// Slack clients show them. Month and day names are English, as in Slack's documented examples. The
// time follows the viewer's locale, which decides between 12-hour and 24-hour clocks.

const DAY_MS = 86_400_000;

/** Calendar fields of `date` in `timeZone`, with English names. */
function calendar(date, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'long',
  }).formatToParts(date);
  const value = (type) => parts.find((part) => part.type === type)?.value ?? '';
  const names = (month) => new Intl.DateTimeFormat('en-US', { timeZone, month }).format(date);
  return {
    year: Number(value('year')),
    month: Number(value('month')),
    day: Number(value('day')),
    weekday: value('weekday'),
    monthLong: names('long'),
    monthShort: names('short'),
  };
}

function ordinal(day) {
  const lastTwo = day % 100;
  if (lastTwo >= 11 && lastTwo <= 13) {
    return `${day}th`;
  }
  return `${day}${{ 1: 'st', 2: 'nd', 3: 'rd' }[day % 10] ?? 'th'}`;
}

/** Whole calendar days from `now` to `date` in the time zone: 0 today, -1 yesterday, 1 tomorrow. */
function dayOffset(date, now, timeZone) {
  const target = calendar(date, timeZone);
  const today = calendar(now, timeZone);
  return Math.round((Date.UTC(target.year, target.month - 1, target.day) - Date.UTC(today.year, today.month - 1, today.day)) / DAY_MS);
}

const RELATIVE_DAYS = { '-1': 'yesterday', 0: 'today', 1: 'tomorrow' };

function relativeTime(date, now, locale) {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const steps = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 30],
    ['month', 12],
    ['year', Number.POSITIVE_INFINITY],
  ];
  let amount = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(amount) < size) {
      return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.trunc(amount), unit);
    }
    amount /= size;
  }
  return '';
}

/**
 * Replaces the `{token}`s of a Slack date format with `date` as the viewer sees it. An unknown
 * token stays as written.
 * @param {Date} date
 * @param {string} format such as `{date_short_pretty} {time}`
 * @param {{ now?: Date, timeZone?: string, locale?: string }} [options] the viewer's clock, time zone
 *   and locale; each defaults to the browser's
 * @returns {string}
 */
export function formatSlackDate(date, format, options = {}) {
  const now = options.now ?? new Date();
  const { timeZone, locale } = options;
  const fields = calendar(date, timeZone);
  const offset = dayOffset(date, now, timeZone);
  const pretty = (plain) => RELATIVE_DAYS[offset] ?? plain;

  const dateText = `${fields.monthLong} ${ordinal(fields.day)}, ${fields.year}`;
  const dateShort = `${fields.monthShort} ${fields.day}, ${fields.year}`;
  const dateLong = `${fields.weekday}, ${dateText}`;
  const tokens = {
    date_num: `${fields.year}-${String(fields.month).padStart(2, '0')}-${String(fields.day).padStart(2, '0')}`,
    date: dateText,
    date_short: dateShort,
    date_long: dateLong,
    date_pretty: pretty(dateText),
    date_short_pretty: pretty(dateShort),
    date_long_pretty: pretty(dateLong),
    time: new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(date),
    time_secs: new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(date),
    ago: relativeTime(date, now, locale),
  };

  const text = format.replace(/\{([^{}]*)\}/g, (token, name) => tokens[name] ?? token);
  // A relative day at the very start reads as the beginning of a sentence.
  return /^\{(date_pretty|date_short_pretty|date_long_pretty|ago)\}/.test(format) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
