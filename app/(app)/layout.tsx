import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { AppCommands } from "@/components/palette/app-commands";
import { PaletteButton } from "@/components/palette/palette-button";
import { ThemeSwitch } from "@/components/ui/theme-switch";
import { Toaster } from "@/components/ui/toaster";
import { requireVerifiedUser } from "@/lib/auth";
import { can } from "@/lib/authz/permissions";
import { listMyTeams } from "@/lib/teams/queries";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireVerifiedUser();
  // The same read as the team layout's (memoized per request).
  const teams = await listMyTeams(user.id);
  return (
    <AppCommands
      teams={teams.map((t) => ({
        id: t.id,
        name: t.name,
        canCreate: can(t.roles, "feature.create"),
        canAudit: can(t.roles, "audit.view"),
      }))}
    >
      <div className="min-h-screen">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-screen-2xl items-center justify-between gap-3 px-4 py-3">
            <Link href="/" className="text-sm font-semibold tracking-wide text-indigo-700">
              Liftoff
            </Link>
            <div className="flex min-w-0 items-center gap-2 text-sm sm:gap-3">
              <PaletteButton />
              <ThemeSwitch />
              <Link
                href="/account"
                className="min-w-0 truncate text-slate-700 underline-offset-2 hover:underline"
                data-testid="current-user"
              >
                {user.name}
              </Link>
              <SignOutButton />
            </div>
          </div>
        </header>
        {children}
        <Toaster />
      </div>
    </AppCommands>
  );
}
