/**
 * Typed domain errors: what feature logic throws when a request cannot be met, without knowing
 * HTTP or a language. One mapping (src/http/problem.ts) turns them into problem+json for the API
 * or a page with the message for people; `messageKey` names a catalogue entry, `params` fill it.
 */
export type DomainErrorKind =
  | 'invalid'
  | 'not-found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'unavailable'
  /** Too many attempts in a while (a limit that protects people or the service); `retry-after` says when. */
  | 'too-many-requests'
  /** A request that cannot be acted on as it stands (a used or expired sign-in link). */
  | 'bad-request';

/** One located problem of a refused input: `rows.3.email` and what is wrong there. */
export interface LocatedProblem {
  path: string;
  message: string;
  /** The row of a file, where the input is one. */
  row?: number;
  field?: string;
}

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
      /**
       * Located problems of a refused input (an import's rows), with their messages. Until each
       * producer names catalogue keys instead, they arrive translated.
       */
      problems?: readonly LocatedProblem[];
      /** Located problems named by message keys, translated where shown. */
      keyedProblems?: readonly KeyedProblem[];
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
  /** Without a message key the problem has no detail: the title says it all. */
  constructor(messageKey = '', params?: Record<string, string | number>) {
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

/**
 * A write to a round that does not take it: not yet open (a draft) or closed. Forms show the
 * stored answers read-only; the API answers 409.
 */
export class RoundClosed extends DomainError {
  constructor(readonly roundStatus: string) {
    super('conflict', roundStatus === 'draft' ? 'survey.closed.notYet' : 'survey.closed.detail', {
      titleKey: 'survey.closed.title',
    });
  }
}

/**
 * A save based on a version that is no longer the stored one: a colleague saved in between.
 * `current` is the stored document (the problem's `current` member), so the person sees both.
 */
export class DraftConflict<Current = unknown> extends DomainError {
  constructor(
    readonly current: Current,
    who: string,
    when: string,
  ) {
    super('conflict', 'survey.conflict.detail', {
      titleKey: 'survey.conflict.title',
      params: { who, when },
      extra: { current },
    });
  }
}

/** A write whose input is valid but cannot go on now (a submission in progress): 409, try again. */
export class Busy extends DomainError {
  constructor(messageKey: string, titleKey: string) {
    super('conflict', messageKey, { titleKey });
  }
}

/** An edit based on a version that is no longer the stored one (optimistic concurrency): 409 on `version`. */
export class StaleVersion extends DomainError {
  constructor(titleKey: string, messageKey: string, yours: number, current: number, extra?: Record<string, unknown>) {
    super('conflict', messageKey, {
      titleKey,
      field: 'version',
      params: { yours, current },
      ...(extra ? { extra } : {}),
    });
  }
}

/**
 * A file refused as a whole, with a row-by-row report: 422. `titleKey` says which import (it is
 * the problem's title), `messageKey` the summary, given the count of problems.
 */
export class ImportRefused extends DomainError {
  constructor(
    titleKey: string,
    messageKey: string,
    readonly problems: readonly LocatedProblem[],
  ) {
    super('invalid', messageKey, { titleKey, params: { count: problems.length }, problems });
  }
}

/** One located problem named by a message key (`needs.2.occupationId`: `validation.survey.unknownOccupation`). */
export interface KeyedProblem {
  path: string;
  messageKey: string;
  params?: Record<string, string | number>;
}

/**
 * Input whose fields name things that do not exist or do not fit (422): each problem located and
 * named by a message key, translated where it is shown.
 */
export class InvalidFields extends DomainError {
  constructor(readonly fieldProblems: readonly KeyedProblem[]) {
    super('invalid', 'error.validation.title', { keyedProblems: fieldProblems });
  }
}

/** Input that fails its schema (422): zod's issues, described in the reader's language where shown. */
export class InvalidInput extends DomainError {
  constructor(readonly issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[]) {
    super('invalid', 'error.validation.title', {});
  }
}
