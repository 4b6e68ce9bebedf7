import { z } from 'zod';

/** Cursors are opaque to clients (shared/API.md); inside they are an offset, base64url-encoded. */
export function encodeCursor(offset: number | null): string | null {
  return offset === null ? null : btoa(`o:${offset}`).replace(/=+$/, '');
}

export const cursorSchema = z
  .string()
  .max(64)
  .transform((cursor, ctx) => {
    try {
      const match = /^o:(\d{1,9})$/.exec(atob(cursor));
      if (match?.[1]) return Number(match[1]);
    } catch {
      // fall through to the issue below
    }
    ctx.addIssue({ code: 'custom', message: 'validation.cursor.invalid' });
    return z.NEVER;
  });

export const limitSchema = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
