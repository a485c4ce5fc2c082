// Expected failures are values: every action returns an ActionResult, and the
// UI shows `error` / `fieldErrors` as written here. Unexpected failures throw
// and reach error.tsx; their details go to the server log only.

export type FieldErrors = Record<string, string[] | undefined>;

export type ActionFailureCode =
  | "invalid"
  | "unauthenticated"
  | "not_found"
  | "forbidden"
  | "conflict";

export type ActionFailure = {
  ok: false;
  code: ActionFailureCode;
  error: string;
  fieldErrors?: FieldErrors;
  // What the user submitted, so a refused form can show it again.
  values?: Record<string, unknown>;
};

export type ActionSuccess<T> = { ok: true; data: T; message?: string };

export type ActionResult<T = unknown> = ActionSuccess<T> | ActionFailure;

/** The state a form starts in before its first submission. */
export type ActionState<T = unknown> = ActionResult<T> | null;

/**
 * Thrown inside an action's transaction to refuse the request: the
 * transaction rolls back, and the caller receives the failure as a value.
 */
export class ActionError extends Error {
  constructor(
    readonly code: ActionFailureCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "ActionError";
  }
}

export const messages = {
  notFound: "Not found.",
  unauthenticated: "Please sign in again.",
  invalid: "Please correct the fields marked below.",
  malformed: "This request was not understood. Reload the page and try again.",
  unverified: "Verify your email address first: open the link we sent you.",
} as const;
