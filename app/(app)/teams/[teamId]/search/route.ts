import { routeAccess, notFoundResponse } from "@/lib/authz/route";
import { searchTeam } from "@/lib/search/queries";
import { paletteSearchSchema } from "@/lib/search/schemas";

/** The command palette's search: the team's features by title and its people, as JSON. */
export async function GET(request: Request, { params }: { params: Promise<{ teamId: string }> }) {
  const access = await routeAccess(params, "team.view");
  if (!access) return notFoundResponse();
  const parsed = paletteSearchSchema.safeParse({ q: new URL(request.url).searchParams.get("q") ?? "" });
  if (!parsed.success) return Response.json({ error: "Search text not understood." }, { status: 400 });
  const results = await searchTeam(access.teamId, parsed.data.q);
  return Response.json(results, { headers: { "cache-control": "private, no-store" } });
}
