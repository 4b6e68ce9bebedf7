import { z } from 'zod';
import type { FieldError } from '../http/errors.ts';
import { fieldIssue } from '../http/validation.ts';
import type { PostedForm } from './picker-form.ts';

const postedForm = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/**
 * A form's schema over taxonomy pickers, built per request: `resolve` turns the posted names into
 * ids, `input` puts the resolved form in the shape of the API's `schema`, which checks it. The
 * names that resolve to nothing, the schema's issues and the form's own `rules` (which may read the
 * database: codes that exist), in that order, come out as one failed parse, so that the page shows
 * every error at once. The output keeps the resolved form beside the parsed input (a conflict
 * compares it with what is stored). Placements, student profiles and education offerings use it.
 */
export function taxonomyFormSchema<S extends z.ZodType>(form: {
  resolve: (posted: PostedForm) => Promise<{ form: PostedForm; errors: FieldError[] }>;
  schema: S;
  input: (resolved: PostedForm, posted: PostedForm) => unknown;
  rules?: (resolved: PostedForm, posted: PostedForm) => FieldError[] | Promise<FieldError[]>;
}) {
  return postedForm.transform(async (posted, ctx) => {
    const taxonomy = await form.resolve(posted);
    for (const error of taxonomy.errors) ctx.addIssue(fieldIssue(error));
    const parsed = await form.schema.safeParseAsync(form.input(taxonomy.form, posted));
    // The schema's issues as it raised them (codes and params kept, for describeIssues to word); a
    // finished issue lacks only the raw one's `input`, which finishing the outer parse drops anyway.
    if (!parsed.success) ctx.issues.push(...(parsed.error.issues as z.core.$ZodRawIssue[]));
    for (const error of (await form.rules?.(taxonomy.form, posted)) ?? []) ctx.addIssue(fieldIssue(error));
    if (!parsed.success) return z.NEVER;
    return { data: parsed.data as z.output<S>, resolved: taxonomy.form };
  });
}
