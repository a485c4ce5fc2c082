import { routeAccess, markdownResponse, notFoundResponse } from "@/lib/authz/route";
import { specToMarkdown } from "@/lib/specs/export";
import { getRevision, getSpecPage } from "@/lib/specs/queries";

/** The feature's approved spec (or its latest revision) as Markdown. */
export async function GET(_request: Request, { params }: { params: Promise<{ teamId: string; featureId: string }> }) {
  const access = await routeAccess(params, "team.view");
  if (!access?.featureId) return notFoundResponse();
  const { teamId, featureId } = access;
  const spec = await getSpecPage(teamId, featureId);
  if (!spec) return notFoundResponse();
  const revision = spec.approvedNumber ? await getRevision(teamId, featureId, spec.approvedNumber) : spec.latest;
  return markdownResponse(specToMarkdown(spec.title, revision), `${spec.title}.md`);
}
