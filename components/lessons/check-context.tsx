'use client';
// Lets a page around a lesson hand it a CheckContext of its own (a classroom
// replaying a learner's session, say). Without one, the lesson's mounted
// playground feeds its checks (see LessonView and useLessonChecks).
import { createContext, useContext } from 'react';
import type { CheckContext } from '@/lib/checks/types';

const LessonCheckContext = createContext<CheckContext | undefined>(undefined);
export const LessonCheckProvider = LessonCheckContext.Provider;
export function useLessonCheckContext(): CheckContext | undefined {
  return useContext(LessonCheckContext);
}
