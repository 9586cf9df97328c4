// Shares in the database (SQLite or PostgreSQL through Prisma). Writes
// once, never updates: a share is immutable by construction.
import crypto from 'node:crypto';
import type { Db } from '@/prisma/client';
import { makeSlug } from '@/lib/shares/slug';
import { snapshotFromRow, type ShareSnapshot, type StoredShare } from '@/lib/shares/snapshot';

export interface ShareStore {
  create(snapshot: ShareSnapshot, sizeBytes: number, clientKey: string): Promise<StoredShare>;
  get(slug: string): Promise<StoredShare | null>;
  recentByClient(clientKey: string, since: Date): Promise<Date[]>;
}

// Hashed, so the table holds no addresses; only equality matters here.
export function clientKeyFor(address: string): string {
  return crypto.createHash('sha256').update('layerlab-share:' + address).digest('hex').slice(0, 32);
}

const isUniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2002';

export function createShareStore(db: Db): ShareStore {
  return {
    async create(snapshot, sizeBytes, clientKey) {
      // 71 bits make a clash unlikely, not impossible: retry on the key.
      for (let attempt = 0; ; attempt++) {
        try {
          const row = await db.share.create({
            data: {
              slug: makeSlug(),
              title: snapshot.title,
              dockerfile: snapshot.dockerfile,
              files: JSON.stringify(snapshot.files),
              commands: JSON.stringify(snapshot.commands),
              replay: snapshot.replay,
              sizeBytes,
              clientKey,
            },
          });
          return snapshotFromRow(row);
        } catch (err) {
          if (!isUniqueViolation(err) || attempt >= 3) throw err;
        }
      }
    },
    async get(slug) {
      const row = await db.share.findUnique({ where: { slug } });
      return row ? snapshotFromRow(row) : null;
    },
    async recentByClient(clientKey, since) {
      const rows = await db.share.findMany({
        where: { clientKey, createdAt: { gt: since } },
        select: { createdAt: true },
        orderBy: { createdAt: 'desc' },
        take: 1000,
      });
      return rows.map((r) => r.createdAt);
    },
  };
}
