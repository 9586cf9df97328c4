// The valve with a stand-in socket whose pending bytes the test sets, and a
// real stream: paused above the high-water mark, resumed only below the low.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io';
import { OutputValve, pendingBytes } from './output-valve';

function fakeSocket() {
  const conn = { writeBuffer: [] as { data?: unknown }[], transport: { socket: { bufferedAmount: 0 } } };
  const socket = { conn, disconnected: false } as unknown as Socket;
  return { socket, conn };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('pendingBytes', () => {
  it('adds engine.io\'s write buffer and what the WebSocket queued', () => {
    const { socket, conn } = fakeSocket();
    conn.writeBuffer.push({ data: 'x'.repeat(1000) }, { data: Buffer.alloc(500) }, {});
    conn.transport.socket.bufferedAmount = 250;
    expect(pendingBytes(socket)).toBe(1750);
  });
});

describe('OutputValve', () => {
  it('pauses a source above the high-water mark and resumes it below the low one', async () => {
    const { socket, conn } = fakeSocket();
    const valve = new OutputValve(socket, { high: 1000, low: 100 });
    const source = new PassThrough();
    source.on('data', () => undefined);
    valve.sent(source);
    expect(source.isPaused()).toBe(false);

    conn.transport.socket.bufferedAmount = 1001;
    valve.sent(source);
    expect(source.isPaused()).toBe(true);
    conn.transport.socket.bufferedAmount = 500; // between the marks: still paused
    await sleep(150);
    expect(source.isPaused()).toBe(true);
    conn.transport.socket.bufferedAmount = 50;
    await sleep(150);
    expect(source.isPaused()).toBe(false);
    expect(valve.pauses).toBe(1);
  });

  it('stops watching a source that ended', async () => {
    const { socket, conn } = fakeSocket();
    const valve = new OutputValve(socket, { high: 10, low: 5 });
    const source = new PassThrough();
    source.on('data', () => undefined);
    conn.transport.socket.bufferedAmount = 100;
    valve.sent(source);
    valve.forget(source);
    conn.transport.socket.bufferedAmount = 0;
    await sleep(100);
    expect(source.isPaused()).toBe(true);
  });
});
