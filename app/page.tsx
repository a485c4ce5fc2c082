import { redirect } from "next/navigation";
import { requireVerifiedUser } from "@/lib/auth";
import { listMyTeams } from "@/lib/teams/queries";

/** Home: the first team you belong to, or team creation when you have none. */
export default async function HomePage() {
  const user = await requireVerifiedUser();
  const [first] = await listMyTeams(user.id);
  redirect(first ? `/teams/${first.id}` : "/teams/new");
}
