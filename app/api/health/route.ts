import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and operators. */
export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", database: "up" });
  } catch (error) {
    console.error("health: database unreachable", error);
    return Response.json({ status: "degraded", database: "down" }, { status: 503 });
  }
}
