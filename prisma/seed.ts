import "dotenv/config";
import { hash } from "@node-rs/argon2";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

// Demo data for trying Liftoff: one team with a person in each role.
// Safe to run again: it updates the same rows instead of duplicating them.

export const DEMO_TEAM_ID = "01970000-0000-7000-8000-000000000001";
export const DEMO_PASSWORD = "liftoff-demo";
export const DEMO_PEOPLE: { email: string; name: string; roles: Role[] }[] = [
  { email: "lead@demo.liftoff.dev", name: "Lena Lead", roles: ["LEAD"] },
  { email: "pm@demo.liftoff.dev", name: "Priya PM", roles: ["PM"] },
  { email: "ds@demo.liftoff.dev", name: "Dmitri Data", roles: ["DS"] },
  { email: "dev@demo.liftoff.dev", name: "Devon Dev", roles: ["DEV"] },
  { email: "qa@demo.liftoff.dev", name: "Quinn QA", roles: ["QA"] },
];

async function main() {
  const passwordHash = await hash(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    const team = await tx.team.upsert({
      where: { id: DEMO_TEAM_ID },
      create: { id: DEMO_TEAM_ID, name: "Demo ML Team" },
      update: {},
    });
    const created = await tx.auditEvent.count({ where: { teamId: team.id } });
    for (const person of DEMO_PEOPLE) {
      const user = await tx.user.upsert({
        where: { email: person.email },
        create: { email: person.email, name: person.name, passwordHash },
        update: { passwordHash },
      });
      const membership = await tx.membership.upsert({
        where: { teamId_userId: { teamId: team.id, userId: user.id } },
        create: { teamId: team.id, userId: user.id, roles: person.roles },
        update: {},
      });
      if (created === 0) {
        await tx.auditEvent.create({
          data: {
            teamId: team.id,
            actorId: null,
            action: "member.added",
            targetType: "membership",
            targetId: membership.id,
            after: { email: person.email, roles: person.roles },
          },
        });
      }
    }
  });
  console.log(`Seeded "Demo ML Team". Sign in as any of (password "${DEMO_PASSWORD}"):`);
  for (const person of DEMO_PEOPLE) console.log(`  ${person.email.padEnd(24)} ${person.roles.join(", ")}`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
