-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "readinessBar" DOUBLE PRECISION NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ReadinessItem" (
    "id" UUID NOT NULL,
    "featureId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "halves" INTEGER NOT NULL DEFAULT 0,
    "notApplicable" BOOLEAN NOT NULL DEFAULT false,
    "naReason" TEXT,
    "note" TEXT,
    "evidenceUrl" TEXT,
    "ownerId" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReadinessItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReadinessItem_featureId_code_key" ON "ReadinessItem"("featureId", "code");

-- AddForeignKey
ALTER TABLE "ReadinessItem" ADD CONSTRAINT "ReadinessItem_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "Feature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReadinessItem" ADD CONSTRAINT "ReadinessItem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
