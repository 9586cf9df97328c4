import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editorChunkFiles } from './editor-preload';
import { EDITOR_CHUNK_MARK } from '@/components/editor/chunk-mark';

const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-dist-'));
afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

function write(rel: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(dist, rel)), { recursive: true });
  fs.writeFileSync(path.join(dist, rel), text);
}

describe('editorChunkFiles', () => {
  it('finds the next/dynamic entry whose chunk carries the editor mark, and only that one', () => {
    write('static/chunks/monaco.js', `x="${EDITOR_CHUNK_MARK}"`);
    write('static/chunks/loader.js', 'y=1');
    write('static/chunks/terminal.js', 'xterm');
    write('server/app/play/page/react-loadable-manifest.json', JSON.stringify({
      1: { id: 1, files: ['static/chunks/loader.js', 'static/chunks/monaco.js', 'static/chunks/monaco.css'] },
      2: { id: 2, files: ['static/chunks/terminal.js', 'static/chunks/terminal.css'] },
      3: { id: 3, files: ['../../etc/passwd'] },
    }));
    expect(editorChunkFiles('play', dist)).toEqual(['static/chunks/loader.js', 'static/chunks/monaco.js', 'static/chunks/monaco.css']);
  });

  it('finds nothing without a production build', () => {
    expect(editorChunkFiles('lessons', dist)).toEqual([]);
  });
});
