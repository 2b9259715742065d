import { validate, type ValidationError } from "class-validator";
import type { FieldViolation } from "../returns/errors.js";

function flatten(errors: ValidationError[], path: string[]): FieldViolation[] {
  return errors.flatMap((e) => {
    const here = [...path, e.property];
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field: here, message }));
    return [...own, ...flatten(e.children ?? [], here)];
  });
}

/** Every class-validator violation of an input object, with its path from the argument name. */
export async function violationsOf(input: object, argument: string): Promise<FieldViolation[]> {
  const errors = await validate(input, { forbidUnknownValues: false, validationError: { target: false, value: false } });
  return flatten(errors, [argument]);
}
