/** Request bodies parsed once, at the edge of each route, into typed values or InputError. */
import type { z } from 'zod';
import { InputError } from '../../shared/errors.js';

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new InputError(
    parsed.error.issues.slice(0, 5).map((i) => ({
      field: i.path.join('.') || 'body',
      message: i.message,
    })),
  );
}
