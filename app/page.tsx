import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { listMyTeams } from "@/lib/teams/queries";

/** Home: the first team you belong to, or team creation when you have none. */
export default async function HomePage() {
  const user = await requireUser();
  const [first] = await listMyTeams(user.id);
  redirect(first ? `/teams/${first.id}` : "/teams/new");
}
