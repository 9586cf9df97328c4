// No secrets in client bundles: the production build's static files (what
// any visitor downloads) must not carry server-only settings' names or
// values, database URLs with credentials, or instructor secrets.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const distDir = process.env.NEXT_DIST_DIR || '.next';
const staticDir = path.join(ROOT, distDir, 'static');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

// Names only the servers may know, and the values they hold in this environment.
const serverOnlyNames = ['DATABASE_URL', 'DOCKER_SOCKET', 'LAYERLAB_TEST_PG_URL', 'instructorSecretHash', 'tokenHash'];
const secretValues = () => Object.entries(process.env)
  .filter(([k, v]) => v && v.length >= 8 && (/SECRET|TOKEN|PASSWORD|KEY|DATABASE_URL|PG_URL/.test(k)))
  .map(([k, v]) => [k, v!] as const);

it('client bundles hold no server-only names, values or credentials', () => {
  if (!existsSync(path.join(ROOT, distDir, 'BUILD_ID')) || !existsSync(staticDir)) {
    throw new Error(`No production build in ${distDir}/ (BUILD_ID or static/ missing): run \`npx next build\` (scripts/setup/web-build.sh) before the abuse tier.`);
  }
  const all = files(staticDir).filter((f) => /\.(js|css|html|json|map|txt)$/.test(f));
  expect(all.length).toBeGreaterThan(0);
  const findings: string[] = [];
  for (const f of all) {
    const text = readFileSync(f, 'utf8');
    for (const name of serverOnlyNames) if (text.includes(name)) findings.push(`${path.relative(ROOT, f)}: ${name}`);
    for (const [k, v] of secretValues()) if (text.includes(v)) findings.push(`${path.relative(ROOT, f)}: value of ${k}`);
    if (/postgres(ql)?:\/\/[^\s"'`:@/]+:[^\s"'`@/]+@/.test(text)) findings.push(`${path.relative(ROOT, f)}: a database URL with a password`);
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) findings.push(`${path.relative(ROOT, f)}: a private key`);
    if (text.includes('/var/run/docker.sock')) findings.push(`${path.relative(ROOT, f)}: the engine socket`);
  }
  expect(findings).toEqual([]);
});
