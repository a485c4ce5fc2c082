import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CommentForm } from "@/components/comments/comment-form";
import { CommentList } from "@/components/comments/comment-list";
import { Markdown } from "@/components/ui/markdown";
import { ActivityTimeline } from "@/components/features/activity-timeline";
import { FeatureTimeline } from "@/components/insights/feature-timeline";
import { EditFeature } from "@/components/features/edit-feature";
import { GatePanel } from "@/components/features/gate-panel";
import { Responsibilities } from "@/components/features/responsibilities";
import { StageActions } from "@/components/features/stage-actions";
import { markMentionsSeen } from "@/lib/comments/queries";
import { getFeature, listFeatureActivity } from "@/lib/features/queries";
import { earlierStages, gateLabel, nextStage, STAGE_LABELS, isGateStage } from "@/lib/features/stages";
import { can } from "@/lib/authz/permissions";
import { memberCan } from "@/lib/teams/queries";
import { requireFeaturePage } from "@/lib/authz/pages";

export const metadata: Metadata = { title: "Feature" };

// The overview's latest events; the Activity tab pages through all of them.
const RECENT_ACTIVITY = 10;

export default async function FeaturePage({
  params,
  searchParams,
}: {
  params: Promise<{ teamId: string; featureId: string }>;
  searchParams: Promise<{ commentsBefore?: string }>;
}) {
  const { teamId, featureId, member, user } = await requireFeaturePage(params);
  const { commentsBefore } = await searchParams;
  // One read for the page; the activity feed and the timeline read their own.
  const [feature, activity] = await Promise.all([
    getFeature(teamId, featureId, { userId: user.id, commentsBefore }),
    listFeatureActivity(teamId, featureId, undefined, RECENT_ACTIVITY),
  ]);
  if (!feature) notFound();
  // Opening the feature clears its mentions of me from My work.
  if (feature.hasUnseenMentions) await markMentionsSeen(user.id, featureId);
  const { people, comments, criteria, readiness, brief } = feature;
  const canMove = memberCan(member, "feature.move");
  // Who moves it, by name when the Accountable person may.
  const accountable = feature.responsibilities.find((r) => r.kind === "ACCOUNTABLE");
  const accountableMoves =
    accountable && can(people.find((p) => p.user.id === accountable.user.id)?.roles ?? [], "feature.move");
  const movers = accountableMoves ? `${accountable.user.name} (accountable) or a team lead` : "a product manager or a team lead";
  const next = nextStage(feature.stage);
  const phase = feature.phases.find((p) => p.position === feature.currentPhase);
  return (
    <article className="flex flex-col gap-6">
      <header>
        <Link href={`/teams/${teamId}`} className="text-sm text-indigo-700 underline">
          ← Board
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">{feature.title}</h1>
        <p className="mt-1 text-slate-700">{feature.summary}</p>
        <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <div className="flex gap-1">
            <dt className="text-slate-500">Stage</dt>
            <dd className="font-medium" data-testid="feature-stage">
              {STAGE_LABELS[feature.stage]}
              {feature.pausedFrom ? ` (from ${STAGE_LABELS[feature.pausedFrom]})` : ""}
            </dd>
          </div>
          {phase ? (
            <div className="flex gap-1">
              <dt className="text-slate-500">Phase</dt>
              <dd>{phase.name}</dd>
            </div>
          ) : null}
          <div className="flex gap-1">
            <dt className="text-slate-500">Gate</dt>
            <dd>{feature.gate ? (feature.gate.ready ? "open" : "waiting") : "none"}</dd>
          </div>
        </dl>
        {canMove || memberCan(member, "feature.create") ? (
          <div className="mt-4 flex flex-wrap gap-2">
            {memberCan(member, "feature.create") ? (
              <EditFeature teamId={teamId} featureId={featureId} title={feature.title} summary={feature.summary} />
            ) : null}
            {canMove ? (
              <StageActions
                teamId={teamId}
                featureId={featureId}
                version={feature.version}
                stage={feature.stage}
                earlier={earlierStages(feature.stage).map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
                nextPhaseName={
                  feature.stage === "PRODUCTION"
                    ? feature.phases.find((p) => p.position === feature.currentPhase + 1)?.name
                    : undefined
                }
              />
            ) : null}
          </div>
        ) : null}
      </header>

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="flex flex-col gap-6">
          {feature.gate && next && isGateStage(feature.stage) ? (
            <GatePanel
              teamId={teamId}
              featureId={featureId}
              version={feature.version}
              gateLabel={gateLabel(feature.stage)}
              nextStageLabel={STAGE_LABELS[next]}
              status={feature.gate}
              myRoles={member.roles}
              myUserId={user.id}
              myName={user.name}
              canMove={canMove}
              movers={movers}
              requestedRoles={feature.signoffRequests.filter((r) => r.gate === feature.stage).map((r) => r.role)}
            />
          ) : (
            <section className="rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-700">
              {feature.stage === "PRODUCTION"
                ? "In production: no gate ahead."
                : `This feature is ${STAGE_LABELS[feature.stage].toLowerCase()}; it has no gate until it is back in the pipeline.`}
            </section>
          )}

          <section aria-labelledby="spec-heading" className="rounded-lg border border-slate-200 bg-white p-5">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="spec-heading" className="text-lg font-semibold">
                Spec
              </h2>
              <Link href={`/teams/${teamId}/features/${featureId}/spec`} className="text-sm font-medium text-indigo-700 underline">
                {memberCan(member, "spec.edit") ? "Open and edit the spec" : "Open the spec"}
              </Link>
            </div>
            {feature.approvedSpecRevision ? (
              <>
                <p className="mt-1 text-sm text-slate-600">Approved revision {feature.approvedSpecRevision.number}. Problem:</p>
                <Markdown source={feature.approvedSpecRevision.problem || "_Not written._"} />
              </>
            ) : (
              <p className="mt-2 text-sm text-slate-600">
                {feature.specRevisions[0]
                  ? `Revision ${feature.specRevisions[0].number} is written; none is approved yet.`
                  : "No spec written yet."}
              </p>
            )}
          </section>

          <section aria-labelledby="criteria-heading" className="rounded-lg border border-slate-200 bg-white p-5">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="criteria-heading" className="text-lg font-semibold">
                Acceptance criteria
              </h2>
              <Link href={`/teams/${teamId}/features/${featureId}/criteria`} className="text-sm font-medium text-indigo-700 underline">
                {memberCan(member, "criterion.verdict") ? "Open and judge the criteria" : memberCan(member, "criteria.write") ? "Open and write the criteria" : "Open the criteria"}
              </Link>
            </div>
            <p className="mt-2 text-sm text-slate-700" data-testid="criteria-summary">
              {criteria.total === 0
                ? "No acceptance criteria yet."
                : `${criteria.total} active: ${criteria.passed} passed, ${criteria.failed} failed, ${criteria.blocked} blocked, ${criteria.untested} untested.`}
            </p>
          </section>

          <section aria-labelledby="brief-heading" className="rounded-lg border border-slate-200 bg-white p-5">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="brief-heading" className="text-lg font-semibold">
                Model brief
              </h2>
              <Link href={`/teams/${teamId}/features/${featureId}/brief`} className="text-sm font-medium text-indigo-700 underline">
                {memberCan(member, "brief.edit") ? "Open and edit the model brief" : "Open the model brief"}
              </Link>
            </div>
            {brief ? (
              <>
                <p className="mt-1 text-sm text-slate-600">
                  Revision {brief.number} by {brief.author?.name ?? "someone"}. Intended use:
                </p>
                <Markdown source={brief.intendedUse || "_Not written._"} />
              </>
            ) : (
              <p className="mt-2 text-sm text-slate-600">No model brief written yet.</p>
            )}
          </section>

          <section aria-labelledby="readiness-heading" className="rounded-lg border border-slate-200 bg-white p-5">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="readiness-heading" className="text-lg font-semibold">
                Readiness
              </h2>
              <Link href={`/teams/${teamId}/features/${featureId}/readiness`} className="text-sm font-medium text-indigo-700 underline">
                {memberCan(member, "readiness.edit") ? "Score the checklist" : "Open the checklist"}
              </Link>
            </div>
            <p className="mt-2 text-sm text-slate-700">
              ML Test Score <strong>{readiness.score}</strong> of 7 (bar {readiness.bar}); weakest: {readiness.weakest}.{" "}
              {readiness.band}.
            </p>
          </section>

          <section aria-labelledby="comments-heading" className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 id="comments-heading" className="mb-3 text-lg font-semibold">
              Comments
            </h2>
            <CommentList
              comments={comments.comments}
              members={people.map((p) => ({ email: p.user.email }))}
              earlierHref={comments.hasEarlier && comments.comments[0] ? `?commentsBefore=${comments.comments[0].id}` : undefined}
            />
            <div className="mt-4">
              <CommentForm
                teamId={teamId}
                featureId={featureId}
                members={people.map((p) => ({ name: p.user.name, email: p.user.email }))}
              />
            </div>
          </section>
        </div>

        <div className="flex flex-col gap-6">
          <Responsibilities
            teamId={teamId}
            featureId={featureId}
            entries={feature.responsibilities}
            people={people.map((p) => ({ id: p.user.id, name: p.user.name, roles: p.roles }))}
            canAssign={memberCan(member, "responsibilities.assign")}
          />
          {feature.phases.length ? (
            <section aria-labelledby="phases-heading" className="rounded-lg border border-slate-200 bg-white p-5">
              <h2 id="phases-heading" className="text-lg font-semibold">
                Phases
              </h2>
              <ol className="mt-2 flex flex-col gap-2 text-sm">
                {feature.phases.map((p) => (
                  <li key={p.id}>
                    <span className="font-medium">{p.name}</span>
                    {p.position === feature.currentPhase ? <span className="text-slate-500"> (current)</span> : null}
                    {p.targetMetrics ? <p className="text-slate-700">Targets: {p.targetMetrics}</p> : null}
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
          <section aria-labelledby="time-heading" className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 id="time-heading" className="text-lg font-semibold">
              Time in each stage
            </h2>
            <ul className="mt-2 text-sm" aria-label="Time in each stage">
              {feature.timeInStage.map((t) => (
                <li key={t.stage} className="flex justify-between">
                  <span>{STAGE_LABELS[t.stage]}</span>
                  <span>{t.days < 1 ? "less than a day" : `${Math.floor(t.days)} days`}</span>
                </li>
              ))}
            </ul>
          </section>
          <FeatureTimeline teamId={teamId} featureId={featureId} />
          <section aria-labelledby="activity-heading" className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 id="activity-heading" className="text-lg font-semibold">
              Activity
            </h2>
            <ActivityTimeline events={activity.events} />
            {activity.nextCursor ? (
              <Link href={`/teams/${teamId}/features/${featureId}/activity`} className="mt-3 block text-sm text-indigo-700 underline">
                All activity
              </Link>
            ) : null}
          </section>
        </div>
      </div>
    </article>
  );
}
