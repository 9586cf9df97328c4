import { describe, expect, it } from 'vitest';
import { ValidationCode } from 'dockerfile-utils';
import { syntaxFindings } from './syntax';
import { SYNTAX_MESSAGES } from './syntax-messages';

describe('syntaxFindings', () => {
  it('rewords the validator in our words, naming the offending text', () => {
    const [f] = syntaxFindings('FROM debian:bookworm-slim\nRUNN echo\n');
    expect(f).toMatchObject({ rule: `syntax/${ValidationCode.UNKNOWN_INSTRUCTION}`, line: 2, startColumn: 1, endColumn: 5, severity: 'error' });
    expect(f.message.en).toBe('RUNN is not a Dockerfile instruction.');
    expect(f.message.zh).toContain('RUNN');
  });
  it('fills the upper-case form for casing problems', () => {
    const [f] = syntaxFindings('FROM debian:bookworm-slim\nrun echo\n');
    expect(f.severity).toBe('warning');
    expect(f.message.en).toContain('run → RUN');
  });
  it('leaves relative WORKDIRs to the lesson rule and is quiet on a valid file', () => {
    expect(syntaxFindings('FROM debian:bookworm-slim\nWORKDIR /a\nWORKDIR b\nCMD ["sh"]\n')).toEqual([]);
  });
  it('has our own message for every validation code', () => {
    const codes = Object.values(ValidationCode).filter((v): v is number => typeof v === 'number');
    const missing = codes.filter((c) => !SYNTAX_MESSAGES[c as ValidationCode]);
    expect(missing).toEqual([]);
  });
});
