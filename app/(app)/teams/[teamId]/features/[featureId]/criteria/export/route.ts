import { z } from "zod";
import { getRouteMember, notFoundResponse } from "@/lib/authz/route";
import { criteriaCsv, csvResponse } from "@/lib/criteria/csv";
import { listCriteriaForExport } from "@/lib/criteria/queries";
import { db } from "@/lib/db";

/** One feature's acceptance criteria, with their latest verdicts, as CSV. */
export async function GET(_request: Request, { params }: { params: Promise<{ teamId: string; featureId: string }> }) {
  const { teamId, featureId } = await params;
  if (!(await getRouteMember(teamId, "team.view"))) return notFoundResponse();
  // Postgres rejects a malformed uuid with an error: answer 404, not 500.
  if (!z.uuid().safeParse(featureId).success) return notFoundResponse();
  const feature = await db.feature.findFirst({ where: { id: featureId, teamId }, select: { title: true } });
  if (!feature) return notFoundResponse();
  return csvResponse(criteriaCsv(await listCriteriaForExport(teamId, featureId)), `${feature.title} criteria.csv`);
}
