import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { Command } from "@/lib/actions/command";
import { getSession } from "@/lib/auth";
import { messages, type ActionResult, type ActionState } from "@/lib/errors";
import { formDataToObject } from "@/lib/actions/form-data";

export const COMMAND_NAME = Symbol.for("liftoff.command");

export type ServerAction<T> = ((
  prev: ActionState<T>,
  formData: FormData,
) => Promise<ActionResult<T>>) & { [COMMAND_NAME]?: string };

/**
 * Turns a command into a form server action (`useActionState` shape). Every
 * export of a 'use server' file is made with this, so each one reads the
 * session and goes through the command's authorization; a test checks that.
 */
export function serverAction<I, T>(
  command: Command<I, T>,
  options: { redirectTo?: (data: T) => string } = {},
): ServerAction<T> {
  const action: ServerAction<T> = async (_prev, formData) => {
    // Anyone can post any arguments to an action's endpoint: only a form is a form.
    if (!(formData instanceof FormData)) {
      return { ok: false, code: "invalid", error: messages.malformed };
    }
    const session = await getSession();
    const input = formDataToObject(formData);
    const result = await command.run(session?.userId ?? null, input, { sessionId: session?.sessionId ?? null });
    if (result.ok) {
      for (const path of command.revalidate?.(result.data) ?? []) {
        revalidatePath(path);
      }
      if (options.redirectTo) redirect(options.redirectTo(result.data));
    }
    return result;
  };
  action[COMMAND_NAME] = command.name;
  return action;
}
