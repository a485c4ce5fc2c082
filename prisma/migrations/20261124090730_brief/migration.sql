-- CreateTable
CREATE TABLE "BriefRevision" (
    "id" UUID NOT NULL,
    "featureId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "intendedUse" TEXT NOT NULL DEFAULT '',
    "outOfScopeUses" TEXT NOT NULL DEFAULT '',
    "data" TEXT NOT NULL DEFAULT '',
    "metrics" TEXT NOT NULL DEFAULT '',
    "dataSlices" TEXT NOT NULL DEFAULT '',
    "failureModes" TEXT NOT NULL DEFAULT '',
    "caveats" TEXT NOT NULL DEFAULT '',
    "monitoring" TEXT NOT NULL DEFAULT '',
    "improvements" TEXT NOT NULL DEFAULT '',
    "futureEnhancements" TEXT NOT NULL DEFAULT '',
    "pocResults" JSONB NOT NULL DEFAULT '[]',
    "authorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BriefRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BriefRevision_featureId_number_key" ON "BriefRevision"("featureId", "number");

-- AddForeignKey
ALTER TABLE "BriefRevision" ADD CONSTRAINT "BriefRevision_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "Feature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BriefRevision" ADD CONSTRAINT "BriefRevision_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
