import { routeAccess, markdownResponse, notFoundResponse } from "@/lib/authz/route";
import { STAGE_LABELS } from "@/lib/features/stages";
import { specToMarkdown } from "@/lib/specs/export";
import { listTeamSpecs } from "@/lib/specs/queries";

/** Every feature's spec (approved, else latest) in one Markdown file. */
export async function GET(_request: Request, { params }: { params: Promise<{ teamId: string }> }) {
  const access = await routeAccess(params, "team.view");
  if (!access) return notFoundResponse();
  const { teamId } = access;
  const specs = await listTeamSpecs(teamId);
  const body = specs
    .map((s) => specToMarkdown(s.title, s.revision).replace(/^# (.*)$/m, `# $1 (${STAGE_LABELS[s.stage]})`))
    .join("\n---\n\n");
  return markdownResponse(body || "_No features yet._\n", "specs.md");
}
