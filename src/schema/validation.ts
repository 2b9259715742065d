import { validate, type ValidationError } from "class-validator";
import type { FieldViolation } from "../returns/errors.js";
import { isRepresentableText } from "../returns/text.js";

function flatten(errors: ValidationError[], path: string[]): FieldViolation[] {
  return errors.flatMap((e) => {
    const here = [...path, e.property];
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field: here, message }));
    return [...own, ...flatten(e.children ?? [], here)];
  });
}

/** Text a provider or the store could not carry faithfully is refused, not mangled. */
export const UNREPRESENTABLE_MESSAGE = "must not contain NUL or unpaired surrogate characters";

function unrepresentable(value: unknown, path: string[], found: FieldViolation[]): FieldViolation[] {
  if (typeof value === "string") {
    if (!isRepresentableText(value)) found.push({ field: path, message: UNREPRESENTABLE_MESSAGE });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => unrepresentable(item, [...path, String(i)], found));
  } else if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) unrepresentable(item, [...path, key], found);
  }
  return found;
}

/** Every class-validator violation of an input object, with its path from the argument name. */
export async function violationsOf(input: object, argument: string): Promise<FieldViolation[]> {
  // First, and alone: some validators throw on such text (IsEmail on a lone surrogate).
  const unfit = unrepresentable(input, [argument], []);
  if (unfit.length > 0) return unfit;
  const errors = await validate(input, { forbidUnknownValues: false, validationError: { target: false, value: false } });
  return flatten(errors, [argument]);
}
