/** An instant, to the nanosecond, as Choice rules compare timestamps. */
export interface Instant {
  /** Whole seconds since the Unix epoch. */
  readonly seconds: number;
  /** Nanoseconds within the second, 0 to 999 999 999. */
  readonly nanos: number;
}

// Java's ISO_OFFSET_DATE_TIME, which AWS names in its errors ("a valid ISO-8601 extended
// offset date-time format string", wait/test_wait_timestamp_path): seconds and fraction
// optional, offset required, letters case-insensitive.
const ISO_OFFSET_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{0,9}))?)?(Z|([+-])(\d{2}):(\d{2})(?::(\d{2}))?)$/i;

/**
 * Parses an RFC 3339 / ISO-8601 offset date-time (`2012-10-09T19:00:55Z`,
 * `2012-10-09T19:00:55.123+01:00`); undefined for anything else, a missing offset or an
 * impossible date included (`2016-13-05T21:29:29Z`, `2016-12-05T25:29:29Z`).
 */
export function parseTimestamp(text: string): Instant | undefined {
  const m = ISO_OFFSET_DATE_TIME.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = Number(m[6] ?? '0');
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetSeconds = 0;
  if (m[8]?.toUpperCase() !== 'Z') {
    const [oh, om, os] = [Number(m[10]), Number(m[11]), Number(m[12] ?? '0')];
    if (oh > 18 || om > 59 || os > 59) return undefined;
    offsetSeconds = (m[9] === '-' ? -1 : 1) * (oh * 3600 + om * 60 + os);
    if (Math.abs(offsetSeconds) > 18 * 3600) return undefined;
  }
  const epochSeconds = Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
  const nanos = Number((m[7] ?? '').padEnd(9, '0'));
  return { seconds: epochSeconds - offsetSeconds, nanos };
}

/** Orders two instants: negative, zero or positive. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.seconds !== b.seconds ? a.seconds - b.seconds : a.nanos - b.nanos;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
