/**
 * An error the user caused and can fix. Its message is one sentence that says what happened and
 * what to do; hosts print it as is, without a stack trace.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}
