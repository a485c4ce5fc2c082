-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('SIGNOFF_REQUESTED', 'MENTIONED', 'SPEC_REVIEW_REQUESTED', 'SPEC_REVIEWED', 'CRITERION_FAILED', 'GATE_OPENED', 'FEATURE_STUCK');

-- CreateEnum
CREATE TYPE "NotificationDelivery" AS ENUM ('IMMEDIATE', 'DIGEST', 'OFF');

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "delivery" "NotificationDelivery" NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("userId","kind")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "featureId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "role" "Role",
    "summary" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),
    "sentVia" "NotificationDelivery",
    "droppedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Notification_userId_featureId_createdAt_idx" ON "Notification"("userId", "featureId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_sentVia_sentAt_idx" ON "Notification"("userId", "sentVia", "sentAt");

-- CreateIndex
CREATE INDEX "Notification_featureId_kind_createdAt_idx" ON "Notification"("featureId", "kind", "createdAt");

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "Feature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
