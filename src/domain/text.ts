import { z } from 'zod';

// C0/C1 controls and the bidi overrides/isolates used to disguise text (Trojan Source).
// Zero-width joiners stay allowed: emoji sequences need them.
const FORBIDDEN = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

/** A single line of user text: NFC-normalised, trimmed, bounded, free of control characters. */
export function lineOfText(max: number) {
  return z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, { error: 'text.required' })
        .max(max, { error: 'text.too_long' })
        .refine((s) => !FORBIDDEN.test(s), { error: 'text.control_chars' }),
    );
}

/** Same rules, but an empty answer is allowed and becomes undefined. */
export function optionalLineOfText(max: number) {
  return z
    .string()
    .optional()
    .transform((s) => s?.normalize('NFC').trim() || undefined)
    .pipe(
      z
        .string()
        .max(max, { error: 'text.too_long' })
        .refine((s) => !FORBIDDEN.test(s), { error: 'text.control_chars' })
        .optional(),
    );
}
