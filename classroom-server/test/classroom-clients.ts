// A classroom socket server on a fresh SQLite database (the project's own
// migrations), and socket.io clients as other machines would open them:
// each from its own loopback address (127.0.0.2 and up), never by a
// forwarded header.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { createDb, type Db } from '../../prisma/client';
import type { ClassroomLimits } from '../../lib/classroom/limits';
import { attachClassroomIo, CLASSROOM_IO_PATH, type ClassroomIo } from '../classroom-io';

const root = path.resolve(__dirname, '../..');

export type Refusal = { ok: false; error: { code: string; message: string } };
export type Created = { ok: true; classroomId: string; code: string; secret: string };
export type Joined = { ok: true; classroomId: string; memberId: string; token: string };

export interface TestClassroom {
  db: Db;
  port(): number;
  /** Stops the server and starts another on the same port and database (a restart of the web). */
  restart(): Promise<void>;
  client(opts?: { auth?: Record<string, unknown>; from?: string }): Socket;
  close(): Promise<void>;
}

export async function startTestClassroom(limits: ClassroomLimits, logs: string[] = []): Promise<TestClassroom> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-class-'));
  const url = `file:${path.join(dir, 'class.db')}`;
  execFileSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' });
  const db = createDb(url);
  const sockets: Socket[] = [];
  let port = 0;
  let cio: ClassroomIo;
  const up = async () => {
    const server = http.createServer((_req, res) => { res.writeHead(404); res.end(); });
    cio = await attachClassroomIo(server, { db, limits, log: (m) => logs.push(m) });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
  };
  await up();
  return {
    db,
    port: () => port,
    restart: async () => { await cio.close(); await up(); },
    client({ auth, from } = {}) {
      const s = connect(`http://127.0.0.1:${port}`, {
        path: CLASSROOM_IO_PATH, auth, transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 300, ...(from ? { localAddress: from } : {}),
      } as Parameters<typeof connect>[1]);
      sockets.push(s);
      return s;
    },
    async close() {
      for (const s of sockets) s.close();
      await cio.close();
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function connected(s: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (s.connected) return resolve();
    s.once('connect', () => resolve());
    s.once('connect_error', (e) => reject(e));
  });
}

/** The handshake's refusal ("unauthorized", "removed"…); fails if the socket connects. */
export function refused(s: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    s.once('connect', () => reject(new Error('connected, but should have been refused')));
    s.once('connect_error', (e) => resolve(e.message));
  });
}

export async function ask<T = Record<string, unknown>>(s: Socket, event: string, payload: unknown): Promise<T> {
  return s.timeout(5000).emitWithAck(event, payload) as Promise<T>;
}

export function next<T>(s: Socket, event: string, pred: (v: T) => boolean = () => true, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { s.off(event, h); reject(new Error(`no ${event} matching within ${ms} ms`)); }, ms);
    const h = (v: T) => { if (pred(v)) { clearTimeout(t); s.off(event, h); resolve(v); } };
    s.on(event, h);
  });
}
