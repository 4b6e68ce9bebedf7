/**
 * Typed domain errors: what feature logic throws when a request cannot be met, without knowing
 * HTTP or a language. One mapping (src/http/problem.ts) turns them into problem+json for the API
 * or a page with the message for people; `messageKey` names a catalogue entry, `params` fill it.
 */
export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict' | 'forbidden' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly messageKey: string,
    readonly options: {
      params?: Record<string, string | number>;
      /** Parameters whose values are message keys, shown translated (a table's name, a status). */
      messageParams?: Record<string, string>;
      /** Parameters that are instants (ISO 8601), shown as the reader's language writes dates. */
      dateParams?: Record<string, string>;
      /** The message key of the problem's title, where the kind's own title is too general. */
      titleKey?: string;
      /** The input field the error is about (`by`, `municipality`, `needs.0.headcount`). */
      field?: string;
      /** More members for the problem document. */
      extra?: Record<string, unknown>;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(messageKey);
    this.name = 'DomainError';
  }
}

export class NotFound extends DomainError {
  constructor(messageKey: string, params?: Record<string, string | number>) {
    super('not-found', messageKey, params ? { params } : {});
  }
}

export class Invalid extends DomainError {
  constructor(
    field: string,
    messageKey: string,
    params?: Record<string, string | number>,
    extra?: Record<string, unknown>,
  ) {
    super('invalid', messageKey, { field, ...(params ? { params } : {}), ...(extra ? { extra } : {}) });
  }
}
