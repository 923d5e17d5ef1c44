/** Query-parameter parsing for the fake 7SIGNAL API; invalid values raise `BadRequestError`. */

/** An invalid request; the server turns it into a 400 response with the standard error body. */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
}

/** Returns the first value of `name`, or undefined when it is absent or empty. */
export function readString(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value === '' ? undefined : value;
}

/** Parses a base-10 integer parameter such as epoch milliseconds; undefined when absent. */
export function readInteger(query: URLSearchParams, name: string): number | undefined {
  const value = readString(query, name);
  if (value === undefined) {
    return undefined;
  }
  if (!/^-?\d+$/.test(value)) {
    throw new BadRequestError(`Invalid value '${value}' for parameter '${name}': expected an integer.`);
  }
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) {
    throw new BadRequestError(`Invalid value '${value}' for parameter '${name}': the integer is out of range.`);
  }
  return parsed;
}

/** The largest epoch-millisecond magnitude a JavaScript `Date` can represent. */
const MAX_EPOCH_MS = 8.64e15;

/** Parses an epoch-millisecond parameter; undefined when absent. */
export function readEpochMillis(query: URLSearchParams, name: string): number | undefined {
  const value = readInteger(query, name);
  if (value !== undefined && Math.abs(value) > MAX_EPOCH_MS) {
    throw new BadRequestError(`Invalid value '${value}' for parameter '${name}': not a valid epoch-millisecond time.`);
  }
  return value;
}

/** Parses a parameter that must be one of `allowed`; undefined when absent. */
export function readEnum<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const value = readString(query, name);
  if (value === undefined) {
    return undefined;
  }
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) {
    throw new BadRequestError(
      `Invalid value '${value}' for parameter '${name}': expected one of ${allowed.join(', ')}.`,
    );
  }
  return match;
}
