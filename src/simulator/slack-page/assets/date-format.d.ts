/** The viewer's clock, time zone and locale; each defaults to the browser's. */
export interface SlackDateOptions {
  now?: Date;
  timeZone?: string;
  locale?: string;
}

/** Replaces the `{token}`s of a Slack date format with `date` as the viewer sees it. */
export function formatSlackDate(date: Date, format: string, options?: SlackDateOptions): string;
