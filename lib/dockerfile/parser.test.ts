// The engine's grammar, case by case (the same parser was checked against
// the 33 parse-result files of buildkit v0.8.3's own tests).
import { describe, expect, it } from 'vitest';
import { matchDirective, nodeFromLine, parseDockerfileText } from './parser';

const nodes = (text: string) => parseDockerfileText(text).nodes.map(({ cmd, flags, args, json, line, endLine, error }) => ({ cmd, flags, args, json, line, endLine, ...(error ? { error } : {}) }));

describe('parseDockerfileText', () => {
  it('directives only at the very top; a late one is a comment', () => {
    expect(parseDockerfileText('# escape=`\nFROM x').escape).toBe('`');
    expect(parseDockerfileText('#ESCAPE = `\nFROM x').escape).toBe('`');
    expect(parseDockerfileText('\n# escape=`\nFROM x').escape).toBe('\\');
    expect(parseDockerfileText('# hello\n# escape=`\nFROM x').escape).toBe('\\');
    expect(parseDockerfileText('FROM x\n# escape=`\n').escape).toBe('\\');
    expect(parseDockerfileText('# escape=x\nFROM x').errors[0].message).toBe("invalid escape token 'x' does not match ` or \\");
    expect(parseDockerfileText('# escape=`\n# escape=`\nFROM x').errors[0]).toEqual({ message: 'only one escape parser directive can be used', line: 2, endLine: 2 });
  });

  it('continuations skip comment and blank lines inside and keep the lines they cover', () => {
    const text = 'RUN a \\\n# c\n\n   \n  b \\\n  c\nFROM x';
    expect(nodes(text)).toEqual([
      { cmd: 'run', flags: [], args: ['a   b   c'], json: false, line: 1, endLine: 6 },
      { cmd: 'from', flags: [], args: ['x'], json: false, line: 7, endLine: 7 },
    ]);
    expect(parseDockerfileText(text).warnings).toHaveLength(2);
  });

  it('an escaped escape ends the line; a lone escape starts a continuation', () => {
    expect(nodes('RUN a\\\\\nRUN b').map((n) => n.args)).toEqual([['a\\\\'], ['b']]);
    expect(nodes('\\\nFROM x')).toEqual([{ cmd: 'from', flags: [], args: ['x'], json: false, line: 1, endLine: 2 }]);
  });

  it('a continuation at the end of the file ends the instruction', () => {
    expect(nodes('FROM x \\')).toEqual([{ cmd: 'from', flags: [], args: ['x'], json: false, line: 1, endLine: 1 }]);
  });

  it('lines end at \\n only (a \\r before it goes), a BOM at the start goes', () => {
    expect(nodes('\uFEFFFROM x\r\nRUN y\r\n').map((n) => [n.cmd, n.args])).toEqual([['from', ['x']], ['run', ['y']]]);
  });

  it('an empty file or one of only comments has no instructions', () => {
    expect(parseDockerfileText('').errors[0].message).toBe('file with no instructions');
    expect(parseDockerfileText('# x\n\n').errors[0].message).toBe('file with no instructions');
  });
});

describe('nodeFromLine', () => {
  const n = (line: string, escape = '\\') => { const { cmd, flags, args, json, error } = nodeFromLine(line, escape, 1, 1); return { cmd, flags, args, json, ...(error ? { error } : {}) }; };

  it('flags: only before the arguments, quotes read, -- ends them', () => {
    expect(n('COPY --from="a b" --chown=\'1:1\' x y')).toMatchObject({ flags: ['--from=a b', '--chown=1:1'], args: ['x', 'y'] });
    expect(n('COPY --from=a\\ b x y').flags).toEqual(['--from=a b']);
    expect(n('COPY x --from=a y').flags).toEqual([]);
    expect(n('COPY --from=a -- --x y')).toMatchObject({ flags: ['--from=a'], args: ['--x', 'y'] });
    expect(n('COPY "--from=a" x y')).toMatchObject({ flags: [], args: ['"--from=a"', 'x', 'y'] });
  });

  it('JSON or shell form: the first JSON value counts, a broken one is shell form', () => {
    expect(n('ADD ["a b", "c"]')).toMatchObject({ args: ['a b', 'c'], json: true });
    expect(n('ADD ["a", "c"] junk')).toMatchObject({ args: ['a', 'c'], json: true });
    expect(n('ADD ["a", c]')).toMatchObject({ args: ['["a",', 'c]'], json: false });
    expect(n('CMD ["a", 1]').error).toBe('when using JSON array syntax, arrays must be comprised of strings only');
    expect(n('RUN echo "a  b"')).toMatchObject({ args: ['echo "a  b"'], json: false });
  });

  it('ENV and LABEL: old form takes the rest as written, new form splits at the first =', () => {
    expect(n('ENV A b c  d').args).toEqual(['A', 'b c  d']);
    expect(n('LABEL "a b"=c d="e f" g=h=i').args).toEqual(['"a b"', 'c', 'd', '"e f"', 'g', 'h=i']);
    expect(n('LABEL a\\ b=c').args).toEqual(['a\\ b', 'c']);
    expect(n('ENV A').error).toBe('ENV must have two arguments');
    expect(n('ENV a=1 b').error).toBe('Syntax error - can\'t find = in "b". Must be of the form: name=value');
  });

  it('lower-case keywords; ONBUILD holds its trigger', () => {
    expect(n('from x AS y')).toMatchObject({ cmd: 'from', args: ['x', 'AS', 'y'] });
    const onbuild = nodeFromLine('onbuild add --chown=1 a b', '\\', 1, 1);
    expect(onbuild.args).toEqual(['add', 'a', 'b']);
    expect(onbuild.sub).toMatchObject({ cmd: 'add', flags: ['--chown=1'], args: ['a', 'b'] });
  });

  it('a keyword outside ASCII is refused, not guessed', () => {
    expect(n('\u212AOPY a b').error).toMatch(/outside ASCII/);
  });
});

describe('matchDirective', () => {
  // The engine's pattern, fine for a backtracking engine on short lines.
  const engine = /^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/;
  it('agrees with the engine\'s pattern on every short line of these characters', () => {
    const alphabet = ['#', ' ', '\t', '=', 'e', '1', '`', '\\', '\v'];
    let seed = 7;
    for (let n = 0; n < 20000; n++) {
      let line = '#';
      const len = (seed = (seed * 1103515245 + 12345) % 2147483648) % 9;
      for (let k = 0; k < len; k++) line += alphabet[(seed = (seed * 1103515245 + 12345) % 2147483648) % alphabet.length];
      const m = engine.exec(line);
      expect(matchDirective(line), JSON.stringify(line)).toEqual(m ? [m[1], m[2]] : undefined);
    }
  });
  it('reads a 64 KiB line of spaces in one pass (the pattern backtracks quadratically on it)', () => {
    const parsed = parseDockerfileText(`# escape=\`${' '.repeat(65000)}x\nFROM busybox\n`);
    expect(parsed.errors[0].message).toMatch(/^invalid escape token/);
  });
});
