-- CreateTable
CREATE TABLE "InboxDismissal" (
    "userId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "featureId" UUID NOT NULL,
    "until" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboxDismissal_pkey" PRIMARY KEY ("userId","key")
);

-- CreateIndex
CREATE INDEX "InboxDismissal_featureId_idx" ON "InboxDismissal"("featureId");

-- AddForeignKey
ALTER TABLE "InboxDismissal" ADD CONSTRAINT "InboxDismissal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboxDismissal" ADD CONSTRAINT "InboxDismissal_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "Feature"("id") ON DELETE CASCADE ON UPDATE CASCADE;
