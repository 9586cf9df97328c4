// A share for a page: one database read per request, shared by the page,
// its metadata and its preview image.
import { cache } from 'react';
import { getDb } from '@/prisma/client';
import { isSlug } from '@/lib/shares/slug';
import type { StoredShare } from '@/lib/shares/snapshot';
import { createShareStore } from './store';

export const loadShare = cache(async (slug: string): Promise<StoredShare | null> => {
  if (!isSlug(slug)) return null;
  return createShareStore(getDb()).get(slug);
});
