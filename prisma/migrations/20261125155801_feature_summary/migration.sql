-- DropIndex
DROP INDEX "Feature_teamId_stage_stageEnteredAt_idx";

-- AlterTable
ALTER TABLE "Feature" ADD COLUMN     "failedCriteria" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "gateMissing" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "gateReady" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "gateWaitingOn" "Role"[] DEFAULT ARRAY[]::"Role"[],
ADD COLUMN     "readinessScore" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "summaryVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Feature_teamId_stage_stageEnteredAt_id_idx" ON "Feature"("teamId", "stage", "stageEnteredAt", "id");
