// The one place that chooses where lesson progress lives. Everything else
// talks to the LessonProgressStore interface (lib/lessons/progress.ts), so a
// store behind the web API replaces the line below and nothing more.
import type { LessonProgressStore } from '@/lib/lessons/progress';
import { localProgressStore } from './local-progress-store';

export const progressStore: LessonProgressStore = localProgressStore;
