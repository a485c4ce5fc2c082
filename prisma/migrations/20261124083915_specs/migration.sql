-- CreateEnum
CREATE TYPE "SpecRevisionStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'APPROVED', 'CHANGES_REQUESTED');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('APPROVED', 'CHANGES_REQUESTED');

-- AlterTable
ALTER TABLE "Feature" ADD COLUMN     "approvedSpecRevisionId" UUID;

-- CreateTable
CREATE TABLE "SpecRevision" (
    "id" UUID NOT NULL,
    "featureId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "problem" TEXT NOT NULL DEFAULT '',
    "customerContext" TEXT NOT NULL DEFAULT '',
    "constraints" TEXT NOT NULL DEFAULT '',
    "successCriteria" JSONB NOT NULL DEFAULT '[]',
    "phases" TEXT NOT NULL DEFAULT '',
    "outOfScope" TEXT NOT NULL DEFAULT '',
    "openQuestions" TEXT NOT NULL DEFAULT '',
    "status" "SpecRevisionStatus" NOT NULL DEFAULT 'DRAFT',
    "authorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpecRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpecReview" (
    "id" UUID NOT NULL,
    "revisionId" UUID NOT NULL,
    "reviewerId" UUID,
    "decision" "ReviewDecision" NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpecReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SpecRevision_featureId_number_key" ON "SpecRevision"("featureId", "number");

-- CreateIndex
CREATE INDEX "SpecReview_revisionId_idx" ON "SpecReview"("revisionId");

-- CreateIndex
CREATE UNIQUE INDEX "Feature_approvedSpecRevisionId_key" ON "Feature"("approvedSpecRevisionId");

-- AddForeignKey
ALTER TABLE "Feature" ADD CONSTRAINT "Feature_approvedSpecRevisionId_fkey" FOREIGN KEY ("approvedSpecRevisionId") REFERENCES "SpecRevision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecRevision" ADD CONSTRAINT "SpecRevision_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "Feature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecRevision" ADD CONSTRAINT "SpecRevision_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecReview" ADD CONSTRAINT "SpecReview_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "SpecRevision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecReview" ADD CONSTRAINT "SpecReview_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
