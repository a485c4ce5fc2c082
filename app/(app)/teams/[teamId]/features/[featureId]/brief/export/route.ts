import { routeAccess, markdownResponse, notFoundResponse } from "@/lib/authz/route";
import { briefToModelCard } from "@/lib/briefs/export";
import { getBriefPage } from "@/lib/briefs/queries";

/** The feature's latest model brief as a Markdown model card. */
export async function GET(_request: Request, { params }: { params: Promise<{ teamId: string; featureId: string }> }) {
  const access = await routeAccess(params, "team.view");
  if (!access?.featureId) return notFoundResponse();
  const { teamId, featureId } = access;
  const brief = await getBriefPage(teamId, featureId);
  if (!brief) return notFoundResponse();
  return markdownResponse(briefToModelCard(brief.title, brief.latest, brief.criteria), `${brief.title} model card.md`);
}
