import { routeAccess, notFoundResponse } from "@/lib/authz/route";
import { criteriaCsv, csvResponse } from "@/lib/criteria/csv";
import { listCriteriaForExport } from "@/lib/criteria/queries";

/** Every acceptance criterion of the team, with its latest verdict, as CSV. */
export async function GET(_request: Request, { params }: { params: Promise<{ teamId: string }> }) {
  const access = await routeAccess(params, "team.view");
  if (!access) return notFoundResponse();
  const { teamId } = access;
  return csvResponse(criteriaCsv(await listCriteriaForExport(teamId)), "criteria.csv");
}
