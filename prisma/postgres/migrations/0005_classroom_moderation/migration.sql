-- AlterTable
ALTER TABLE "Classroom" ADD COLUMN "joinsLocked" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ClassroomBlock" (
    "id" TEXT NOT NULL,
    "classroomId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClassroomBlock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ClassroomBlock_classroomId_idx" ON "ClassroomBlock"("classroomId");

-- CreateIndex
CREATE INDEX "ClassroomBlock_memberId_idx" ON "ClassroomBlock"("memberId");

-- AddForeignKey
ALTER TABLE "ClassroomBlock" ADD CONSTRAINT "ClassroomBlock_classroomId_fkey" FOREIGN KEY ("classroomId") REFERENCES "Classroom"("id") ON DELETE CASCADE ON UPDATE CASCADE;
