// The one place that chooses where lesson progress lives. Everything else
// talks to the LessonProgressStore interface (lib/lessons/progress.ts), so a
// store behind the web API replaces the line below and nothing more.
import type { LessonProgressStore } from '@/lib/lessons/progress';
import { serverProgressStore } from './server-progress-store';

// The database, through the web API, with localStorage as the offline copy.
export const progressStore: LessonProgressStore = serverProgressStore;
