// A real OpenID Connect provider on loopback for the end-to-end tests
// (oidc-provider with its development login pages). Any login works; it
// becomes the subject and the email address, and the address counts as
// verified unless the login starts with "unverified".
//   npx tsx e2e/support/oidc-provider.ts   (OIDC_PORT, APP_URL)
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 3126);
const appUrl = process.env.APP_URL ?? "http://127.0.0.1:3100";
export const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID ?? "liftoff-e2e",
      client_secret: process.env.OIDC_CLIENT_SECRET ?? "liftoff-e2e-secret",
      redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: !id.startsWith("unverified"), name: `SSO ${id.split("@")[0]}` };
      },
    };
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["e2e-only-cookie-key"] },
});
// Plain http on loopback: tell oidc-provider not to insist on https.
provider.proxy = false;

provider.listen(port, "127.0.0.1", () => {
  console.log(`OpenID provider for tests on ${issuer}`);
});
