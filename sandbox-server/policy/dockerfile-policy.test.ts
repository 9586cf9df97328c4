import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../lib/dockerfile/model';
import { checkDockerfile } from './dockerfile-policy';

const choices = {
  catalog: ['busybox:latest', 'busybox:1.35', 'debian:bookworm-slim'],
  sessionImage: (ref: string) => (ref === 'mine:1' ? 'layerlab/s-abc/mine:1' : undefined),
};
const check = (text: string) => checkDockerfile(text, parseDockerfile(text), choices);

describe('checkDockerfile', () => {
  it('accepts catalog images with or without a tag, scratch and earlier stages', () => {
    const text = 'FROM busybox AS build\nRUN true\nFROM scratch\nCOPY --from=build /bin/sh /sh\nFROM build\n';
    expect(check(text)).toEqual({ ok: true, dockerfile: text });
  });

  it('rewrites the session\'s own image to its engine name, keeping lines', () => {
    const r = check('# comment\nFROM  mine:1 AS base\nRUN echo mine:1\n');
    expect(r).toEqual({ ok: true, dockerfile: '# comment\nFROM  layerlab/s-abc/mine:1 AS base\nRUN echo mine:1\n' });
  });

  it('refuses an unknown image with its line and the list of base images', () => {
    const r = check('FROM busybox\nFROM alpine:3\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.line).toBe(2);
    expect(r.message).toContain('alpine:3');
    expect(r.message).toContain('busybox:1.35, busybox:latest, debian:bookworm-slim');
  });

  it('resolves ARG defaults before FROM and refuses unresolved ones', () => {
    expect(check('ARG V=1.35\nFROM busybox:${V}\n').ok).toBe(true);
    expect(check('ARG V\nFROM busybox:$V\n')).toMatchObject({ ok: false, line: 2 });
  });

  it.each([
    'ADD https://example.com/x.tgz /x',
    'ADD --chown=1:1 http://example.com/a /a',
    'ADD ["git://example.com/repo", "/r"]',
    'ADD git@github.com:x/y.git /y',
    'ONBUILD ADD https://example.com/later.tgz /later',
  ])('refuses %s', (line) => {
    const r = check(`FROM busybox\n${line}\n`);
    expect(r).toMatchObject({ ok: false, line: 2 });
    if (!r.ok) expect(r.message).toContain('URL');
  });

  it('lets ADD of a context file through', () => {
    expect(check('FROM busybox\nADD app.tar.gz /app\n').ok).toBe(true);
  });

  it('refuses COPY --from an image outside the catalog', () => {
    expect(check('FROM busybox\nCOPY --from=evil/image /x /x\n')).toMatchObject({ ok: false, line: 2 });
  });
});
