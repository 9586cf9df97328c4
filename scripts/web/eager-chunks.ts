// After `next build`: wraps the module factories of every chunk the browser
// loads (see eager-factories.ts for why). Run as
// `tsx scripts/web/eager-chunks.ts <dist dir>`; running it again changes
// nothing.
import fs from 'node:fs';
import path from 'node:path';
import { wrapFactories } from './eager-factories';

const dist = process.argv[2] || process.env.NEXT_DIST_DIR || '.next';
const dir = path.join(dist, 'static', 'chunks');
const t0 = performance.now();
let files = 0;
let factories = 0;
for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
  if (!name.endsWith('.js')) continue;
  const file = path.join(dir, name);
  const before = fs.readFileSync(file, 'utf8');
  const { source, wrapped } = wrapFactories(before);
  if (!wrapped) continue;
  fs.writeFileSync(file, source);
  files++;
  factories += wrapped;
}
console.log(`  eager compile: ${factories} module factories in ${files} chunks wrapped (${Math.round(performance.now() - t0)} ms)`);
