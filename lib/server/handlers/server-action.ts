import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { AppError, type AppErrorCode, isAppError } from "@/lib/errors/app-error";
import { errorForLog, isUnexpected, userMessageOf } from "@/lib/errors/describe-error";
import { logger } from "@/lib/server/logger";
import { brand, type SessionMode, sessionFor, type UserFor } from "./session";

export type ServerActionConfig<State, Mode extends SessionMode, Input> = {
  /** Names the action in log lines ("imports.remove"). */
  name: string;
  session: Mode;
  /** Parses the submitted form's fields (`Object.fromEntries(form)`); the first issue's message is shown. */
  input?: z.ZodType<Input>;
  /** Runs the one domain call and says what the form shows. May `redirect()`. */
  run: (context: { user: UserFor<Mode>; input: Input; previous: State | undefined }) => Promise<State>;
  /** The form's state for a failure, given the user-safe text and the error. */
  failure: (message: string, error: AppError) => State;
  /** Said instead of the internal-error sentence when something unexpected fails. */
  fallback?: string;
  /** This form's own wording for some codes. */
  messages?: Partial<Record<AppErrorCode, string>>;
};

/**
 * A server action, callable as `useActionState` calls it (`previous, form`), as a form's `action`
 * or directly with a FormData (`form`), or with nothing.
 */
export type ServerAction<State> = {
  (form?: FormData): Promise<State>;
  (previous: State, form: FormData): Promise<State>;
};

/**
 * The one way to write a server action (app/**\/actions.ts). In order: reads the session as `session`
 * asks, parses the form with `input`, calls `run`, and turns any failure into `failure(message)`:
 * AppErrors say their user message (or `messages[code]`), anything else is logged with its cause and
 * says `fallback`. Next's redirects and not-found pass through. Example:
 *
 *   export const removeImportAction = serverAction({
 *     name: "imports.remove",
 *     session: "required",
 *     input: z.object({ importId: z.uuid({ message: "That import does not exist." }) }),
 *     failure: (message): RemoveImportState => ({ message }),
 *     run: async ({ user, input }) => { await deleteImport(...); redirect("/imports"); },
 *   });
 */
export function serverAction<State, Mode extends SessionMode, Input = undefined>(
  config: ServerActionConfig<State, Mode, Input>,
): ServerAction<State> {
  const action = async (...args: unknown[]): Promise<State> => {
    const form = args.findLast((arg): arg is FormData => arg instanceof FormData);
    const previous = args.length >= 2 ? (args[0] as State) : undefined;
    try {
      const user = await sessionFor(config.session);
      const input = parseForm(config.input, form);
      return await config.run({ user, input, previous });
    } catch (error) {
      unstable_rethrow(error);
      const appError = isAppError(error) ? error : new AppError("internal", { cause: error });
      logFailure(config.name, error);
      const message = userMessageOf(error, { fallback: config.fallback, overrides: config.messages });
      return config.failure(message, appError);
    }
  };
  return brand(action, "server-action") as ServerAction<State>;
}

function parseForm<Input>(schema: z.ZodType<Input> | undefined, form: FormData | undefined): Input {
  if (!schema) return undefined as Input;
  const parsed = schema.safeParse(form ? Object.fromEntries(form) : {});
  if (parsed.success) return parsed.data;
  throw new AppError("invalid_input", {
    userMessage: parsed.error.issues[0]?.message,
    responseStatus: 400,
    // No cause: a ZodError can quote what was typed, a password included.
  });
}

/** A bug or an outage is logged with its cause chain; an expected refusal only at debug level. */
export function logFailure(name: string, error: unknown): void {
  if (isUnexpected(error)) logger.error({ handler: name, err: errorForLog(error) }, `${name} failed`);
  else logger.debug({ handler: name, code: (error as AppError).code }, `${name} refused`);
}
