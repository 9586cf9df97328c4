-- AlterTable
ALTER TABLE "LessonProgress" ADD COLUMN "data" TEXT NOT NULL DEFAULT '{}';
