-- CreateTable
CREATE TABLE "InboxMark" (
    "userId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "featureId" UUID NOT NULL,
    "seenAt" TIMESTAMPTZ(3),
    "doneAt" TIMESTAMPTZ(3),
    "snoozedUntil" TIMESTAMPTZ(3),

    CONSTRAINT "InboxMark_pkey" PRIMARY KEY ("userId","key")
);

-- CreateIndex
CREATE INDEX "InboxMark_featureId_idx" ON "InboxMark"("featureId");

-- AddForeignKey
ALTER TABLE "InboxMark" ADD CONSTRAINT "InboxMark_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboxMark" ADD CONSTRAINT "InboxMark_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "Feature"("id") ON DELETE CASCADE ON UPDATE CASCADE;
