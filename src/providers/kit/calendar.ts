import { ValidateBy, buildMessage, type ValidationOptions } from "class-validator";

// Dates providers take as "yyyy-MM-dd" text. A pattern alone lets 2024-02-31 through, which a
// provider either refuses after the call or silently rolls over to another day.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is "yyyy-MM-dd" naming a day that exists (2024-02-29 does, 2019-02-29 and 2024-02-31 do not). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d;
}

/** class-validator: a "yyyy-MM-dd" text naming a real day. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "isCalendarDate",
      validator: {
        validate: (value: unknown) => typeof value === "string" && isCalendarDate(value),
        defaultMessage: buildMessage((prefix) => `${prefix}$property must be a real day written yyyy-MM-dd`, options),
      },
    },
    options,
  );
}
