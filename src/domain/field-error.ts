import type { z } from 'zod';

/** A problem with one field: a stable code the UI localises, and what the message needs. */
export interface FieldError {
  code: string;
  params?: Record<string, string | number>;
}
export type FieldErrors = Record<string, FieldError>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const BUILTIN_CODES: Record<string, string> = {
  invalid_type: 'text.required',
  too_small: 'text.required',
  too_big: 'text.too_long',
  invalid_format: 'format.invalid',
  invalid_value: 'choice.invalid',
};

/** Turns zod issues into one error per field (the first wins: one clear message is better than three). */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_');
    if (errors[field]) continue;
    const code = issue.message.includes('.') ? issue.message : (BUILTIN_CODES[issue.code] ?? 'format.invalid');
    const params: Record<string, string | number> = {};
    if (issue.code === 'too_big' && typeof issue.maximum === 'number') params.max = issue.maximum;
    const custom = (issue as { params?: Record<string, string | number> }).params;
    errors[field] = { code, params: { ...params, ...custom } };
  }
  return errors;
}

export function parseWith<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: toFieldErrors(result.error) };
}
