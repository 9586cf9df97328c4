-- CreateTable
CREATE TABLE "Share" (
    "slug" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL DEFAULT '',
    "dockerfile" TEXT NOT NULL,
    "files" TEXT NOT NULL DEFAULT '{}',
    "commands" TEXT NOT NULL DEFAULT '[]',
    "replay" BOOLEAN NOT NULL DEFAULT false,
    "sizeBytes" INTEGER NOT NULL,
    "clientKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Share_clientKey_createdAt_idx" ON "Share"("clientKey", "createdAt");

