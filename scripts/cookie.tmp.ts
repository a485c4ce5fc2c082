import { signIn } from "./lib/bench-server";
import pg from "pg";
async function main() {
  const c = new pg.Client("postgresql://postgres@127.0.0.1:5432/liftoff_bench"); await c.connect();
  const r = (await c.query(`select t.id, u.email, (select id from "Feature" f where f."teamId"=t.id and stage='BUILD' limit 1) fid from "Team" t join "Membership" m on m."teamId"=t.id join "User" u on u.id=m."userId" where 'LEAD' = any(m.roles) limit 1`)).rows[0];
  await c.end();
  const cookie = await signIn(process.argv[2]!, r.email, "bench-password");
  console.log(JSON.stringify({ cookie, team: r.id, feature: r.fid }));
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
