-- CreateEnum
CREATE TYPE "Verdict" AS ENUM ('UNTESTED', 'PASSED', 'FAILED', 'BLOCKED');

-- CreateTable
CREATE TABLE "AcceptanceCriterion" (
    "id" UUID NOT NULL,
    "featureId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "given" TEXT NOT NULL DEFAULT '',
    "when" TEXT NOT NULL DEFAULT '',
    "then" TEXT NOT NULL DEFAULT '',
    "text" TEXT NOT NULL DEFAULT '',
    "successCriterionKeys" TEXT[],
    "specRevisionNumber" INTEGER,
    "verdict" "Verdict" NOT NULL DEFAULT 'UNTESTED',
    "verdictAt" TIMESTAMPTZ(3),
    "verdictSpecRevisionId" UUID,
    "retiredAt" TIMESTAMPTZ(3),
    "retiredReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AcceptanceCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CriterionVerdict" (
    "id" BIGSERIAL NOT NULL,
    "criterionId" UUID NOT NULL,
    "verdict" "Verdict" NOT NULL,
    "note" TEXT,
    "evidenceUrl" TEXT,
    "userId" UUID,
    "specRevisionId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CriterionVerdict_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AcceptanceCriterion_featureId_position_idx" ON "AcceptanceCriterion"("featureId", "position");

-- CreateIndex
CREATE INDEX "CriterionVerdict_criterionId_id_idx" ON "CriterionVerdict"("criterionId", "id");

-- AddForeignKey
ALTER TABLE "AcceptanceCriterion" ADD CONSTRAINT "AcceptanceCriterion_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "Feature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionVerdict" ADD CONSTRAINT "CriterionVerdict_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "AcceptanceCriterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionVerdict" ADD CONSTRAINT "CriterionVerdict_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
