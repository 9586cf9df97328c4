import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Tiers are told apart by file name: *.test.ts is pure, *.docker.test.ts
// needs the real engine, *.abuse.test.ts attacks the running product.
const tier = process.env.LAYERLAB_TEST_TIER ?? 'unit';
const include = {
  unit: ['**/*.test.ts'],
  docker: ['**/*.docker.test.ts'],
  abuse: ['**/*.abuse.test.ts'],
}[tier] ?? ['**/*.test.ts'];
const exclude = ['node_modules/**', '.next/**', 'e2e/**', 'data/**'];
if (tier === 'unit') exclude.push('**/*.docker.test.ts', '**/*.abuse.test.ts');

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include,
    exclude,
    environment: 'node',
    testTimeout: tier === 'unit' ? 10_000 : 180_000,
    hookTimeout: tier === 'unit' ? 10_000 : 180_000,
    // The engine tiers share one dockerd on 2 cores: run files one at a time.
    fileParallelism: tier === 'unit',
  },
});
