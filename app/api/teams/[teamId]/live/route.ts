import { z } from "zod";
import { getSession } from "@/lib/auth";
import { notFoundResponse, routeAccess } from "@/lib/authz/route";
import { liveStreamResponse } from "@/lib/live/stream";

export const dynamic = "force-dynamic";

// When the page opening the stream was rendered: changes after it are replayed as a resync.
const sinceSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined);

/** The team's live events (server-sent events) for a signed-in member; 404 for anyone else. */
export async function GET(request: Request, { params }: { params: Promise<{ teamId: string }> }) {
  const access = await routeAccess(params, "team.view");
  // The same request's session check, memoized: for re-checks while the stream is open.
  const session = access ? await getSession() : null;
  if (!access || !session) return notFoundResponse();
  const since = sinceSchema.parse(new URL(request.url).searchParams.get("since") ?? undefined);
  return liveStreamResponse({
    teamId: access.teamId,
    userId: access.member.userId,
    sessionId: session.sessionId,
    since,
    signal: request.signal,
  });
}
