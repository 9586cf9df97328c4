// Syntax problems from dockerfile-utils' validator, reworded in our voice and
// in both languages. Relative WORKDIRs are left to our own rule, which only
// flags the first one of a stage (later ones stack on purpose in the lessons).
import { validate, ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils';
import type { LintFinding } from './types';
import { SYNTAX_MESSAGES } from './syntax-messages';

// The validator replaces its defaults wholesale when given settings, so all are listed.
const SETTINGS: ValidatorSettings = {
  deprecatedMaintainer: ValidationSeverity.WARNING,
  directiveCasing: ValidationSeverity.WARNING,
  emptyContinuationLine: ValidationSeverity.WARNING,
  instructionCasing: ValidationSeverity.WARNING,
  instructionCmdMultiple: ValidationSeverity.WARNING,
  instructionEntrypointMultiple: ValidationSeverity.WARNING,
  instructionHealthcheckMultiple: ValidationSeverity.WARNING,
  instructionJSONInSingleQuotes: ValidationSeverity.WARNING,
  instructionWorkdirRelative: ValidationSeverity.IGNORE,
};

function fill(template: string, subject: string): string {
  return template.replaceAll('{0U}', subject.toUpperCase()).replaceAll('{0}', subject);
}

function plain(message: string | { value: string }): string {
  return typeof message === 'string' ? message : message.value;
}

export function syntaxFindings(text: string): LintFinding[] {
  const lines = text.split(/\r?\n/);
  return validate(text, SETTINGS).map((d) => {
    const { start, end } = d.range;
    const subject = start.line === end.line
      ? (lines[start.line] ?? '').slice(start.character, end.character).trim()
      : (lines[start.line] ?? '').slice(start.character).trim();
    const ours = typeof d.code === 'number' ? SYNTAX_MESSAGES[d.code as keyof typeof SYNTAX_MESSAGES] : undefined;
    // An unknown future code keeps the validator's own text rather than saying nothing.
    const message = ours
      ? { en: fill(ours.en, subject || '…'), zh: fill(ours.zh, subject || '…') }
      : { en: plain(d.message), zh: plain(d.message) };
    return {
      rule: `syntax/${String(d.code ?? 'unknown')}`,
      line: start.line + 1, startColumn: start.character + 1,
      endLine: end.line + 1, endColumn: end.character + 1,
      severity: d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info',
      message,
    } satisfies LintFinding;
  });
}
