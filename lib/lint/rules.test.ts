import { describe, expect, it } from 'vitest';
import { lintDockerfile, type LintFinding } from './rules';
import { applyEdits } from './apply-fix';

const only = (text: string, rule: string, options = {}) => lintDockerfile(text, options).filter((f) => f.rule === rule);
const fixed = (text: string, f: LintFinding) => applyEdits(text, f.fix!.edits);

describe('combine-runs', () => {
  const text = 'FROM debian:bookworm-slim\nRUN apt-get update\n# tools\nRUN echo hi; \nCOPY a /a\n';
  it('flags the second of two consecutive RUNs and merges them with && \\', () => {
    const [f, ...rest] = only(text, 'combine-runs');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ line: 4, startColumn: 1, endColumn: 4, severity: 'warning' });
    expect(f.message.en).toContain('2 RUN');
    expect(f.message.zh).toContain('RUN');
    expect(fixed(text, f)).toBe('FROM debian:bookworm-slim\n# tools\nRUN apt-get update && \\\n    echo hi\nCOPY a /a\n');
  });
  it('flags every later RUN of a run of three, each with the same fix', () => {
    const fs = only('FROM x:1\nRUN a\nRUN b\nRUN c\n', 'combine-runs');
    expect(fs.map((f) => f.line)).toEqual([3, 4]);
    expect(fixed('FROM x:1\nRUN a\nRUN b\nRUN c\n', fs[1])).toBe('FROM x:1\nRUN a && \\\n    b && \\\n    c\n');
  });
  it('keeps multi-line RUNs as written inside the merge', () => {
    const t = 'FROM x:1\nRUN a \\\n  --flag\nRUN b\n';
    expect(fixed(t, only(t, 'combine-runs')[0])).toBe('FROM x:1\nRUN a \\\n  --flag && \\\n    b\n');
  });
  it('does not fire for RUNs separated by another instruction or a new stage', () => {
    expect(only('FROM x:1\nRUN a\nENV A=1\nRUN b\n', 'combine-runs')).toEqual([]);
    expect(only('FROM x:1\nRUN a\nFROM y:1\nRUN b\n', 'combine-runs')).toEqual([]);
  });
  it('offers no fix when merging would change meaning', () => {
    for (const t of ['FROM x:1\nRUN cd /a\nRUN ls\n', 'FROM x:1\nRUN ["a"]\nRUN b\n', 'FROM x:1\nRUN a # note\nRUN b\n', 'FROM x:1\nRUN sleep 9 &\nRUN b\n']) {
      const fs = only(t, 'combine-runs');
      expect(fs).toHaveLength(1);
      expect(fs[0].fix).toBeUndefined();
    }
  });
});

describe('run-cd', () => {
  it('replaces a lone RUN cd with WORKDIR', () => {
    const t = 'FROM x:1\nRUN cd /srv/app\n';
    const [f] = only(t, 'run-cd');
    expect(f).toMatchObject({ line: 2, startColumn: 5, endColumn: 16, severity: 'warning' });
    expect(fixed(t, f)).toBe('FROM x:1\nWORKDIR /srv/app\n');
  });
  it('moves a leading cd && into WORKDIR and keeps the rest of the command', () => {
    const t = 'FROM x:1\nRUN cd /src && \\\n    make install\n';
    const [f] = only(t, 'run-cd');
    expect(fixed(t, f)).toBe('FROM x:1\nWORKDIR /src\nRUN make install\n');
  });
  it('flags a cd in the middle of a command without offering a fix', () => {
    const [f] = only('FROM x:1\nRUN make && cd out && ls\n', 'run-cd');
    expect(f).toMatchObject({ line: 2, startColumn: 13, endColumn: 19 });
    expect(f.fix).toBeUndefined();
  });
  it('offers no fix when WORKDIR could not mean the same directory', () => {
    for (const t of ['FROM x:1\nRUN cd ~/src\n', 'FROM x:1\nRUN cd $HOME && ls\n', 'FROM x:1\nRUN cd -\n']) {
      const fs = only(t, 'run-cd');
      expect(fs).toHaveLength(1);
      expect(fs[0].fix).toBeUndefined();
    }
  });
  it('does not fire for cd inside quotes, as an argument, or in exec form', () => {
    expect(only('FROM x:1\nRUN echo "cd /x"\nRUN ls cd\nRUN ["cd", "/x"]\n', 'run-cd')).toEqual([]);
  });
});

describe('apt-lists', () => {
  it('fires on apt-get install without cleanup and appends the rm', () => {
    const t = 'FROM debian:bookworm-slim\nRUN apt-get update && \\\n    DEBIAN_FRONTEND=noninteractive apt-get install -y curl\n';
    const [f] = only(t, 'apt-lists');
    expect(f).toMatchObject({ line: 3, startColumn: 36, endColumn: 51, severity: 'warning' });
    expect(fixed(t, f)).toBe('FROM debian:bookworm-slim\nRUN apt-get update && \\\n    DEBIAN_FRONTEND=noninteractive apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n');
  });
  it('does not fire when the same RUN cleans up, or without an install', () => {
    expect(only('FROM d:1\nRUN apt-get update && apt-get install -y perl \\\n    pwgen && rm -rf \\\n    /var/lib/apt/lists/*\n', 'apt-lists')).toEqual([]);
    expect(only('FROM d:1\nRUN apt-get update\nRUN echo apt-get install\n', 'apt-lists')).toEqual([]);
  });
  it('still fires when the cleanup is in a later RUN, since the earlier layer keeps the files', () => {
    expect(only('FROM d:1\nRUN apt install -y vim\nRUN rm -rf /var/lib/apt/lists/*\n', 'apt-lists')).toHaveLength(1);
  });
});

describe('add-not-archive and add-url', () => {
  it('suggests COPY for a plain local file and fixes only the keyword', () => {
    const t = 'FROM x:1\nADD --chown=1:1 hello /app/\n';
    const [f] = only(t, 'add-not-archive');
    expect(f).toMatchObject({ line: 2, startColumn: 1, endColumn: 4, severity: 'warning' });
    expect(fixed(t, f)).toBe('FROM x:1\nCOPY --chown=1:1 hello /app/\n');
  });
  it('stays quiet for local tar archives and names that may be archives', () => {
    expect(only('FROM x:1\nADD test.tar.gz /\nADD site.tgz /srv/\nADD data.gz /d/\nADD $F /x/\n', 'add-not-archive')).toEqual([]);
  });
  it('reports ADD of a URL as an error without a fix', () => {
    const t = 'FROM x:1\nADD https://example.org/a.tar.gz /tmp/\n';
    const [f] = only(t, 'add-url');
    expect(f).toMatchObject({ line: 2, startColumn: 5, severity: 'error' });
    expect(f.fix).toBeUndefined();
    expect(only(t, 'add-not-archive')).toEqual([]);
    expect(only('FROM x:1\nCOPY https.txt /tmp/\n', 'add-url')).toEqual([]);
  });
  it('handles the JSON form', () => {
    expect(only('FROM x:1\nADD ["notes.txt", "/n/"]\n', 'add-not-archive')).toHaveLength(1);
  });
  it('reports the spellings the engine downloads as well: quotes, escapes, a variable, over continuations', () => {
    for (const t of ['FROM x:1\nADD "http"://h/a /a\n', 'FROM x:1\nADD h\\ttp://h/a /a\n', 'FROM x:1\nENV U=https://h\nADD $U/a /a\n', 'FROM x:1\nADD ["ht\\u0074p://h/a", \\\n  "/a"]\n']) {
      const found = only(t, 'add-url');
      expect(found, t).toHaveLength(1);
      expect(found[0]).toMatchObject({ severity: 'error', line: t.split('\n').findIndex((l) => l.startsWith('ADD')) + 1 });
      expect(only(t, 'add-not-archive')).toEqual([]);
    }
  });
});

describe('engine refusals from the shared interpretation', () => {
  it('marks the instruction the build would fail at, in both languages', () => {
    const [f] = lintDockerfile('FROM x:1\nRUN --mount=type=cache,target=/c make\n').filter((x) => x.rule === 'engine/build');
    expect(f).toMatchObject({ line: 2, endLine: 2, severity: 'error' });
    expect(f.message.en).toContain('--mount');
    expect(f.message.zh).toContain('BuildKit');
    expect(only('FROM x:1\nLABEL a=${B-c}\n', 'engine/build')[0].message.en).toContain("missing ':' in substitution");
    expect(only('FROM x AS a\nFROM x AS A\n', 'engine/build')[0]).toMatchObject({ line: 2 });
  });
  it('marks an own ONBUILD ADD or LABEL whose value only a later build knows', () => {
    const [f] = only('FROM x:1\nONBUILD ADD $SRC /a\n', 'engine/unknowable');
    expect(f).toMatchObject({ line: 2, severity: 'error' });
    expect(f.message.zh).toContain('$SRC');
  });
  it('stays quiet on an ordinary Dockerfile and leaves parse errors to the syntax findings', () => {
    const quiet = 'ARG V=1\nFROM x:1\nARG V\nENV A=$V\nADD app-$V.tar /app/\nLABEL v=$V\nONBUILD RUN echo $V\n';
    expect(lintDockerfile(quiet).filter((x) => x.rule.startsWith('engine/'))).toEqual([]);
    expect(lintDockerfile('FROM x:1\nRUNN x\n').filter((x) => x.rule.startsWith('engine/'))).toEqual([]);
  });
});

describe('from-tag', () => {
  it('warns on a FROM without a tag', () => {
    const [f] = only('FROM centos\n', 'from-tag');
    expect(f).toMatchObject({ line: 1, startColumn: 6, endColumn: 12, severity: 'warning' });
    expect(f.message.en).toContain('centos:latest');
    expect(f.fix).toBeUndefined();
  });
  it('fixes only with exactly one known tag', () => {
    const t = 'FROM debian AS base\n';
    const [f] = only(t, 'from-tag', { knownImages: ['debian:bookworm-slim', 'busybox:1.36'] });
    expect(fixed(t, f)).toBe('FROM debian:bookworm-slim AS base\n');
    expect(only(t, 'from-tag', { knownImages: ['debian:bookworm-slim', 'debian:bookworm'] })[0].fix).toBeUndefined();
  });
  it('does not count latest as a tag to pin to', () => {
    const [f] = only('FROM busybox\n', 'from-tag', { knownImages: ['busybox:1.35.0', 'busybox:latest'] });
    expect(f.fix!.title.en).toBe('Pin to busybox:1.35.0');
  });
  it('takes the tag used by another FROM of the same image', () => {
    const t = 'FROM busybox:1.36 AS build\nRUN echo\nFROM busybox\n';
    const [f] = only(t, 'from-tag');
    expect(f.line).toBe(3);
    expect(fixed(t, f)).toBe('FROM busybox:1.36 AS build\nRUN echo\nFROM busybox:1.36\n');
  });
  it('does not fire for tags, digests, scratch, stage names or variables', () => {
    const t = 'ARG B=x:1\nFROM ubuntu:14.04 AS build\nFROM scratch\nFROM build\nFROM $B\nFROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nFROM localhost:5000/lab/busybox:1\n';
    expect(only(t, 'from-tag')).toEqual([]);
  });
});

describe('env-version', () => {
  it('points at every repeat of a version not yet in an ENV', () => {
    const fs = only('FROM d:1\nRUN curl -O https://x.org/tool-2.4.1.tgz\nRUN tar xf tool-2.4.1.tgz\nLABEL version="2.4.1"\n', 'env-version');
    expect(fs.map((f) => [f.line, f.severity])).toEqual([[2, 'info'], [3, 'info']]);
    expect(fs[0].message.en).toContain('2 instructions');
  });
  it('offers ${NAME} where an earlier ENV already holds the value', () => {
    const t = 'FROM d:1\nENV MYSQL_VERSION 5.6\nRUN apt-get install -y mysql-server=5.6\n';
    const [f] = only(t, 'env-version');
    expect(f).toMatchObject({ line: 3, startColumn: 37, endColumn: 40 });
    expect(fixed(t, f)).toBe('FROM d:1\nENV MYSQL_VERSION 5.6\nRUN apt-get install -y mysql-server=${MYSQL_VERSION}\n');
  });
  it('does not fire for a single use, FROM tags, IP addresses or durations', () => {
    const t = 'FROM python:3.11\nRUN python3 -m pip install x==3.11 && ping -c1 10.0.0.1\nHEALTHCHECK --interval=1.5s CMD true\nRUN echo 10.0.0.1 1.5s\n';
    expect(only(t, 'env-version')).toEqual([]);
  });
});

describe('workdir-relative', () => {
  it('notes a relative first WORKDIR of a stage', () => {
    const [f, ...rest] = only('FROM d:1\nWORKDIR app\nWORKDIR src\n', 'workdir-relative');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ line: 2, startColumn: 9, endColumn: 12, severity: 'info' });
    expect(f.message.en).toContain('/app');
  });
  it('lets relative WORKDIRs stack after an absolute one', () => {
    expect(only('FROM d:1\nWORKDIR /test\nWORKDIR demo\nFROM e:1\nWORKDIR /x\n', 'workdir-relative')).toEqual([]);
  });
});

describe('lintDockerfile', () => {
  it('returns nothing for a Dockerfile that follows the lessons', () => {
    const t = [
      'FROM debian:bookworm-slim',
      'LABEL maintainer="ada@example.org" version="1.0"',
      'ENV TOOL_VERSION=1.4.2',
      'WORKDIR /app',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl \\',
      '    && rm -rf /var/lib/apt/lists/*',
      'COPY hello.py ./',
      'ADD site.tar.gz /srv/',
      'CMD ["python3", "hello.py"]',
      '',
    ].join('\n');
    expect(lintDockerfile(t)).toEqual([]);
  });
  it('orders findings by position', () => {
    const fs = lintDockerfile('FROM debian\nRUN cd /x\nRUN apt-get install -y a\n');
    expect(fs.map((f) => f.rule)).toEqual(['from-tag', 'run-cd', 'combine-runs', 'apt-lists']);
  });
});
