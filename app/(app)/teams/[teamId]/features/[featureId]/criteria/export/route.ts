import { routeAccess, notFoundResponse } from "@/lib/authz/route";
import { criteriaCsv, csvResponse } from "@/lib/criteria/csv";
import { listCriteriaForExport } from "@/lib/criteria/queries";
import { db } from "@/lib/db";

/** One feature's acceptance criteria, with their latest verdicts, as CSV. */
export async function GET(_request: Request, { params }: { params: Promise<{ teamId: string; featureId: string }> }) {
  const access = await routeAccess(params, "team.view");
  if (!access?.featureId) return notFoundResponse();
  const { teamId, featureId } = access;
  const feature = await db.feature.findFirst({ where: { id: featureId, teamId }, select: { title: true } });
  if (!feature) return notFoundResponse();
  return csvResponse(criteriaCsv(await listCriteriaForExport(teamId, featureId)), `${feature.title} criteria.csv`);
}
