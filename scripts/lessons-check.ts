// Validates every lesson in content/lessons: format, both languages, known
// check types with valid parameters, Dockerfiles that parse, solutions.
// Usage: npx tsx scripts/lessons-check.ts [lessons-dir]
import path from 'node:path';
import { loadLessons, LESSONS_DIR } from '../content/load';

const root = process.argv[2] ? path.resolve(process.argv[2]) : LESSONS_DIR;
const { lessons, problems } = loadLessons(root);
if (problems.length) {
  for (const p of problems) console.error(`✗ ${path.relative(process.cwd(), path.join(root, p.dir))}: ${p.problem}`);
  console.error(`\n${problems.length} problem(s) in ${root}`);
  process.exit(1);
}
if (lessons.length === 0) {
  console.error(`✗ no lessons found in ${root}`);
  process.exit(1);
}
for (const l of lessons) {
  const checks = l.steps.reduce((n, s) => n + s.checks.length, 0);
  console.log(`✓ ${String(l.order).padStart(2, '0')} ${l.slug} (${l.kind}, ${l.steps.length} steps, ${checks} checks)`);
}
console.log(`${lessons.length} lessons OK`);
