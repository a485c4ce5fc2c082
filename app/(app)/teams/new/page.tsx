import type { Metadata } from "next";
import { CreateTeamForm } from "@/components/teams/create-team-form";

export const metadata: Metadata = { title: "Create a team" };

export default function NewTeamPage() {
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">Create a team</h1>
      <p className="mt-2 text-sm text-slate-700">
        A team is where your ML features live. You will be its team lead and can invite others next.
      </p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6">
        <CreateTeamForm />
      </div>
    </main>
  );
}
