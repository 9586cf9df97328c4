import { describe, expect, it } from 'vitest';
import { isMetadataInstruction, layerInstruction, parseCreatedBy, runsContainer } from './instructions';

describe('layerInstruction reads docker history CreatedBy', () => {
  it.each([
    ['/bin/sh -c #(nop)  ENV A=1', 'ENV'],
    ['/bin/sh -c apt-get update && apt-get install -y curl', 'RUN'],
    ['|1 X=y /bin/sh -c echo $X', 'RUN'],
    ['|2 A=1 B=two words /bin/sh -c echo $A', 'RUN'],
    ['#(nop) COPY file:abc in /app', 'COPY'],
    ['/bin/sh -c #(nop) COPY file:3f53c4083c166dcb0d76d5ac88c3b7aec934a1d863a37672320a3961df7ce756 in . ', 'COPY'],
    ['/bin/sh -c #(nop) ADD file:0123 in / ', 'ADD'],
    ['/bin/sh -c #(nop) WORKDIR /app', 'WORKDIR'],
    ['/bin/sh -c #(nop)  CMD ["cat" "/app/made.txt"]', 'CMD'],
    ['/bin/sh -c #(nop)  ONBUILD RUN echo "for children"', 'ONBUILD'],
    ['RUN /bin/sh -c echo hi # buildkit', 'RUN'],
    ['ENV PATH=/usr/local/bin', 'ENV'],
    ['COPY /src /dst # buildkit', 'COPY'],
    ['/bin/bash -c echo from bash', 'RUN'],
    ['echo exec form', 'RUN'],
  ])('%s → %s', (createdBy, keyword) => expect(layerInstruction(createdBy)).toBe(keyword));

  it('has no instruction for an imported base layer', () => {
    expect(layerInstruction('')).toBeUndefined();
    expect(layerInstruction('   ')).toBeUndefined();
  });

  it('gives the text after the keyword, RUN without its shell or build args', () => {
    expect(parseCreatedBy('/bin/sh -c #(nop)  LABEL org.example.course=layers 101')).toEqual({ instruction: 'LABEL', text: 'org.example.course=layers 101' });
    expect(parseCreatedBy('|1 GREETING=hi /bin/sh -c python3 -c "print(1)" > out.txt')).toEqual({ instruction: 'RUN', text: 'python3 -c "print(1)" > out.txt' });
    expect(parseCreatedBy('RUN /bin/sh -c echo hi # buildkit')).toEqual({ instruction: 'RUN', text: 'echo hi' });
  });
});

describe('instruction kinds', () => {
  it('metadata instructions change configuration only', () => {
    for (const k of ['ENV', 'label', 'CMD', 'ENTRYPOINT', 'EXPOSE', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'MAINTAINER']) {
      expect(isMetadataInstruction(k)).toBe(true);
    }
    for (const k of ['RUN', 'COPY', 'ADD', 'FROM', 'RUNN', '']) expect(isMetadataInstruction(k)).toBe(false);
  });

  it('only RUN starts a process', () => {
    expect(runsContainer('run')).toBe(true);
    expect(['COPY', 'ENV', 'FROM'].some(runsContainer)).toBe(false);
  });
});
