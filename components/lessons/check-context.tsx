'use client';
// Where the playground hands the lesson its live state. The playground
// (components/playground/) wraps the lesson in <LessonCheckProvider value=…>
// with a CheckContext built from the session's world snapshot, the execs it
// ran, its finished builds and removed containers.
import { createContext, useContext } from 'react';
import type { CheckContext } from '@/lib/checks/types';

const LessonCheckContext = createContext<CheckContext | undefined>(undefined);
export const LessonCheckProvider = LessonCheckContext.Provider;
export function useLessonCheckContext(): CheckContext | undefined {
  return useContext(LessonCheckContext);
}
