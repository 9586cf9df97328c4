// The outbox with stand-in sockets whose pending bytes the test sets: a
// socket that is behind gets no diffs, then the latest of each once it
// caught up; one that keeps up gets every diff at once.
import { describe, expect, it } from 'vitest';
import type { Server } from 'socket.io';
import { DiffOutbox } from './diff-outbox';
import { roomOf } from './rooms';

function fakeIo(ids: string[]) {
  const sent = new Map<string, unknown[]>();
  const sockets = new Map(ids.map((id) => {
    sent.set(id, []);
    const socket = { id, conn: { writeBuffer: [], transport: { socket: { bufferedAmount: 0 } } }, emit: (_e: string, u: unknown) => { sent.get(id)!.push(u); } };
    return [id, socket] as const;
  }));
  const io = { sockets: { sockets, adapter: { rooms: new Map([[roomOf('s1'), new Set(ids)]]) } } } as unknown as Server;
  const behind = (id: string, bytes: number) => { sockets.get(id)!.conn.transport.socket.bufferedAmount = bytes; };
  return { io, sent, behind };
}

const d = (path: string) => [{ path, kind: 'A' as const }];

describe('DiffOutbox', () => {
  it('holds diffs back from a socket that is behind and sends it the latest once it caught up', () => {
    const { io, sent, behind } = fakeIo(['fast', 'slow']);
    const outbox = new DiffOutbox(io, { high: 1000, low: 100 });
    behind('slow', 5000);
    outbox.send('s1', 'c1', d('/a'));
    outbox.send('s1', 'c1', d('/b'));
    outbox.send('s1', 'c2', d('/x'));
    expect(sent.get('fast')).toHaveLength(3);
    expect(sent.get('slow')).toEqual([]);
    expect(outbox.held).toBe(3);

    const latest = new Map([['c1', d('/b')], ['c2', undefined]]);
    behind('slow', 500); // between the marks: still owed
    outbox.flush((id) => latest.get(id));
    expect(sent.get('slow')).toEqual([]);
    behind('slow', 0);
    outbox.flush((id) => latest.get(id));
    // c2 is gone: only c1's latest diff is owed.
    expect(sent.get('slow')).toEqual([{ type: 'diff', containerId: 'c1', diff: d('/b') }]);
    outbox.flush((id) => latest.get(id));
    expect(sent.get('slow')).toHaveLength(1);
  });

  it('forgets a socket that went away', () => {
    const { io, sent, behind } = fakeIo(['gone']);
    const outbox = new DiffOutbox(io, { high: 10, low: 5 });
    behind('gone', 100);
    outbox.send('s1', 'c1', d('/a'));
    (io.sockets.sockets as Map<string, unknown>).delete('gone');
    outbox.flush(() => d('/a'));
    expect(sent.get('gone')).toEqual([]);
  });
});
