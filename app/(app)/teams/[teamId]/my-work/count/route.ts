import { notFoundResponse, routeAccess } from "@/lib/authz/route";
import { getInbox } from "@/lib/my-work/inbox";

/** How many inbox items wait on the caller, and how many of them are new: the count beside "My work". */
export async function GET(_request: Request, { params }: { params: Promise<{ teamId: string }> }) {
  const access = await routeAccess(params, "team.view");
  if (!access) return notFoundResponse();
  const inbox = await getInbox(access.member);
  return Response.json({ open: inbox.open, unread: inbox.unread, more: inbox.more }, { headers: { "cache-control": "private, no-store" } });
}
