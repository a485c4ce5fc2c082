-- CreateEnum
CREATE TYPE "Stage" AS ENUM ('IDEA', 'POC', 'BUILD', 'VALIDATION', 'PRODUCTION', 'PAUSED', 'RETIRED');

-- CreateEnum
CREATE TYPE "Raci" AS ENUM ('RESPONSIBLE', 'ACCOUNTABLE', 'CONSULTED', 'INFORMED');

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "featureId" UUID;

-- CreateTable
CREATE TABLE "Feature" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "stage" "Stage" NOT NULL DEFAULT 'IDEA',
    "pausedFrom" "Stage",
    "stageEnteredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "currentPhase" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Feature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeaturePhase" (
    "id" UUID NOT NULL,
    "featureId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "targetMetrics" TEXT NOT NULL DEFAULT '',
    "startedAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),

    CONSTRAINT "FeaturePhase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StageTransition" (
    "id" BIGSERIAL NOT NULL,
    "featureId" UUID NOT NULL,
    "fromStage" "Stage",
    "toStage" "Stage" NOT NULL,
    "reason" TEXT,
    "actorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StageTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GateSignoff" (
    "id" UUID NOT NULL,
    "featureId" UUID NOT NULL,
    "gate" "Stage" NOT NULL,
    "role" "Role" NOT NULL,
    "userId" UUID NOT NULL,
    "comment" TEXT,
    "basis" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "GateSignoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignoffRequest" (
    "id" UUID NOT NULL,
    "featureId" UUID NOT NULL,
    "gate" "Stage" NOT NULL,
    "role" "Role" NOT NULL,
    "requestedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SignoffRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Responsibility" (
    "id" UUID NOT NULL,
    "featureId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "kind" "Raci" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Responsibility_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" UUID NOT NULL,
    "featureId" UUID NOT NULL,
    "authorId" UUID,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mention" (
    "id" UUID NOT NULL,
    "commentId" UUID NOT NULL,
    "featureId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "seenAt" TIMESTAMPTZ(3),

    CONSTRAINT "Mention_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamGateSetting" (
    "teamId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,

    CONSTRAINT "TeamGateSetting_pkey" PRIMARY KEY ("teamId","key")
);

-- CreateIndex
CREATE INDEX "Feature_teamId_stage_stageEnteredAt_idx" ON "Feature"("teamId", "stage", "stageEnteredAt");

-- CreateIndex
CREATE INDEX "Feature_teamId_updatedAt_idx" ON "Feature"("teamId", "updatedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "FeaturePhase_featureId_position_key" ON "FeaturePhase"("featureId", "position");

-- CreateIndex
CREATE INDEX "StageTransition_featureId_id_idx" ON "StageTransition"("featureId", "id");

-- CreateIndex
CREATE INDEX "GateSignoff_featureId_gate_idx" ON "GateSignoff"("featureId", "gate");

-- CreateIndex
CREATE INDEX "SignoffRequest_featureId_gate_role_idx" ON "SignoffRequest"("featureId", "gate", "role");

-- CreateIndex
CREATE INDEX "Responsibility_userId_idx" ON "Responsibility"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Responsibility_featureId_userId_role_kind_key" ON "Responsibility"("featureId", "userId", "role", "kind");

-- CreateIndex
CREATE INDEX "Comment_featureId_createdAt_idx" ON "Comment"("featureId", "createdAt");

-- CreateIndex
CREATE INDEX "Mention_userId_seenAt_idx" ON "Mention"("userId", "seenAt");

-- CreateIndex
CREATE UNIQUE INDEX "Mention_commentId_userId_key" ON "Mention"("commentId", "userId");

-- CreateIndex
CREATE INDEX "AuditEvent_featureId_id_idx" ON "AuditEvent"("featureId", "id" DESC);

-- AddForeignKey
ALTER TABLE "Feature" ADD CONSTRAINT "Feature_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feature" ADD CONSTRAINT "Feature_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeaturePhase" ADD CONSTRAINT "FeaturePhase_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "Feature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StageTransition" ADD CONSTRAINT "StageTransition_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "Feature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StageTransition" ADD CONSTRAINT "StageTransition_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GateSignoff" ADD CONSTRAINT "GateSignoff_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "Feature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GateSignoff" ADD CONSTRAINT "GateSignoff_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignoffRequest" ADD CONSTRAINT "SignoffRequest_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "Feature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignoffRequest" ADD CONSTRAINT "SignoffRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Responsibility" ADD CONSTRAINT "Responsibility_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "Feature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Responsibility" ADD CONSTRAINT "Responsibility_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "Feature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "Feature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamGateSetting" ADD CONSTRAINT "TeamGateSetting_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
