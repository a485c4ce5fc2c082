import type { Permission } from "@/lib/authz/permissions";

// Every entry point of the app, with who may call it. A test reads the code
// for exported server actions and route handlers and fails when one is
// missing here, so an unguarded entry point cannot land.

export type Access =
  | { scope: "public" } // anyone, signed in or not
  | { scope: "account" } // any signed-in user, verified address or not (their own account)
  | { scope: "user" } // any signed-in user whose address is verified
  | { scope: "team"; permission: Permission }; // a member of the team in the input

export const ACTION_ACCESS = {
  signUp: { scope: "public" },
  verifyEmail: { scope: "public" },
  requestPasswordReset: { scope: "public" },
  resetPassword: { scope: "public" },
  resendVerification: { scope: "account" },
  changePassword: { scope: "account" },
  revokeSession: { scope: "account" },
  signOutEverywhere: { scope: "account" },
  saveNotificationPreferences: { scope: "account" },
  // By a signed link from a notification mail, signed in or not.
  unsubscribe: { scope: "public" },
  acceptInvitation: { scope: "account" },
  declineInvitation: { scope: "account" },
  createTeam: { scope: "user" },
  inviteMember: { scope: "team", permission: "members.manage" },
  revokeInvitation: { scope: "team", permission: "members.manage" },
  renewInvitation: { scope: "team", permission: "members.manage" },
  setMemberRoles: { scope: "team", permission: "members.manage" },
  removeMember: { scope: "team", permission: "members.manage" },
  createFeature: { scope: "team", permission: "feature.create" },
  updateFeature: { scope: "team", permission: "feature.create" },
  advanceFeature: { scope: "team", permission: "feature.move" },
  moveFeatureBack: { scope: "team", permission: "feature.move" },
  pauseFeature: { scope: "team", permission: "feature.move" },
  resumeFeature: { scope: "team", permission: "feature.move" },
  retireFeature: { scope: "team", permission: "feature.move" },
  startNextPhase: { scope: "team", permission: "feature.move" },
  signGate: { scope: "team", permission: "gate.sign" },
  withdrawSignoff: { scope: "team", permission: "gate.sign" },
  requestSignoff: { scope: "team", permission: "gate.request" },
  assignResponsibility: { scope: "team", permission: "responsibilities.assign" },
  removeResponsibility: { scope: "team", permission: "responsibilities.assign" },
  setGateRequirement: { scope: "team", permission: "gates.configure" },
  addComment: { scope: "team", permission: "comment.create" },
  saveSpec: { scope: "team", permission: "spec.edit" },
  requestSpecReview: { scope: "team", permission: "spec.edit" },
  reviewSpec: { scope: "team", permission: "spec.review" },
  createCriterion: { scope: "team", permission: "criteria.write" },
  updateCriterion: { scope: "team", permission: "criteria.write" },
  removeCriterion: { scope: "team", permission: "criteria.write" },
  retireCriterion: { scope: "team", permission: "criteria.write" },
  moveCriterion: { scope: "team", permission: "criteria.write" },
  setCriterionVerdict: { scope: "team", permission: "criterion.verdict" },
  passCriteria: { scope: "team", permission: "criterion.verdict" },
  setReadinessItem: { scope: "team", permission: "readiness.edit" },
  saveReadinessItems: { scope: "team", permission: "readiness.edit" },
  setReadinessBar: { scope: "team", permission: "gates.configure" },
  saveBrief: { scope: "team", permission: "brief.edit" },
  dismissInboxItem: { scope: "team", permission: "team.view" },
  restoreInboxItem: { scope: "team", permission: "team.view" },
  markInboxSeen: { scope: "team", permission: "team.view" },
} as const satisfies Record<string, Access>;

export type ActionName = keyof typeof ACTION_ACCESS;

export const ROUTE_ACCESS = {
  "GET /api/health": { scope: "public" },
  // next-auth's own endpoints: sign-in, sign-out, session, CSRF.
  "GET /api/auth/[...nextauth]": { scope: "public" },
  "POST /api/auth/[...nextauth]": { scope: "public" },
  // RFC 8058 one-click unsubscribe: the signed token in the URL is the authority.
  "POST /api/unsubscribe": { scope: "public" },
  // Markdown exports of specs: any member of the team.
  "GET /teams/[teamId]/features/[featureId]/spec/export": { scope: "team", permission: "team.view" },
  "GET /teams/[teamId]/specs/export": { scope: "team", permission: "team.view" },
  // CSV of acceptance criteria and verdicts: any member of the team.
  "GET /teams/[teamId]/features/[featureId]/criteria/export": { scope: "team", permission: "team.view" },
  "GET /teams/[teamId]/criteria/export": { scope: "team", permission: "team.view" },
  "GET /teams/[teamId]/features/[featureId]/brief/export": { scope: "team", permission: "team.view" },
  // Insights: one chart's table as CSV, for any member of the team.
  "GET /teams/[teamId]/insights/export": { scope: "team", permission: "team.view" },
  // The number of inbox items waiting on the caller (the badge by My work).
  "GET /teams/[teamId]/my-work/count": { scope: "team", permission: "team.view" },
  // The command palette's search of features and people: any member of the team.
  "GET /teams/[teamId]/search": { scope: "team", permission: "team.view" },
  // The team's live events ("feature X changed"), for any member of the team.
  "GET /api/teams/[teamId]/live": { scope: "team", permission: "team.view" },
} as const satisfies Record<string, Access>;
