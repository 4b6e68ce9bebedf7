import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface FieldError {
  path: string;
  message: string;
}

/**
 * The one error class. Handlers and guards throw it; `onError` turns it into RFC 9457 problem
 * details under /api and a friendly page elsewhere. `titleKey` names a message-catalogue entry
 * so that pages show it in the reader's language.
 */
export class AppError extends Error {
  readonly status: ContentfulStatusCode;
  readonly titleKey: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;
  /** More members for the problem document, e.g. the stored version in a 409. */
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    status: ContentfulStatusCode,
    titleKey: string,
    options: {
      detail?: string;
      errors?: FieldError[];
      headers?: Record<string, string>;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(options.detail ?? titleKey);
    this.name = 'AppError';
    this.status = status;
    this.titleKey = titleKey;
    this.detail = options.detail;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extra = options.extra;
  }
}

export const notFound = (detail?: string) =>
  new AppError(404, 'error.notFound.title', detail === undefined ? {} : { detail });
export const badRequest = (detail: string, errors?: FieldError[]) =>
  new AppError(400, 'error.badRequest.title', errors === undefined ? { detail } : { detail, errors });
export const forbidden = (detail?: string) =>
  new AppError(403, 'error.forbidden.title', detail === undefined ? {} : { detail });
