import { describe, expect, it } from "vitest";
import { serverAction } from "@/lib/actions/server-action";
import { messages } from "@/lib/errors";
import { addComment } from "@/lib/comments/commands";

describe("serverAction", () => {
  it("answers arguments that are not a form with a refusal, not an exception", async () => {
    const action = serverAction(addComment);
    for (const argument of ["body=x", 42, null, { body: "x" }, [1, 2]]) {
      // What a crafted request to the action's endpoint can send.
      const result = await action(null, argument as unknown as FormData);
      expect(result).toEqual({ ok: false, code: "invalid", error: messages.malformed });
    }
  });
});
