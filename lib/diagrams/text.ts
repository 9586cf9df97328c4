// Small text helpers shared by the diagram attribute functions. Pure.
import { formatBytes, parseCreatedBy, shortId } from '../world/reducer';
import { t, type Locale } from '../i18n';

export { formatBytes, shortId };

// SVG text cannot wrap or ellipsise by itself, and measuring in the DOM would
// make the attribute functions impure; an average glyph width is close enough
// to keep labels inside their blocks.
export function fitText(text: string, widthPx: number, fontPx: number): string {
  const max = Math.floor(widthPx / (fontPx * 0.6));
  if (max <= 1) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

// What a history entry did, as a learner would write it: "RUN apk add x"
// rather than "/bin/sh -c apk add x"; content hashes shortened to fit.
export function layerSummary(createdBy: string, locale: Locale = 'en'): { instruction: string; text: string } {
  const parsed = parseCreatedBy(createdBy);
  if (!parsed) return { instruction: 'FROM', text: t(locale, 'dia.layer.imported') };
  // The sandbox labels every build with its session and source; say so
  // instead of printing a base64 blob.
  if (parsed.instruction === 'LABEL' && /^org\.layerlab\./.test(parsed.text)) {
    const keys = [...parsed.text.matchAll(/(?:^|\s)(org\.layerlab\.[\w.-]+)=/g)].map((m) => m[1]);
    return { instruction: 'LABEL', text: `LABEL ${keys.join(' ')} ${t(locale, 'dia.layer.bySandbox')}` };
  }
  const body = parsed.text.replace(/\b(file|dir|multi):([0-9a-f]{8})[0-9a-f]{56}\b/g, '$1:$2…');
  return { instruction: parsed.instruction, text: `${parsed.instruction} ${body}`.trim() };
}
