// The whole playground loop in a real browser against the real sandbox and
// engine: build, layers = engine history, a broken line gets the marker, run,
// terminal writes show in the writable layer, commit adds one layer, remove.
import { test, expect, type Page, type TestInfo } from '@playwright/test';
import { setDockerfile } from './support/editor';
import { preloadsEditor } from './support/preload';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const DOCKERFILE = [
  '# typed by the end-to-end test',
  'FROM busybox:1.35',
  'WORKDIR /site',
  'RUN mkdir -p logs && echo "made by e2e" > made.txt',
  'COPY index.html .',
  'ENV GREETING="hello from e2e"',
  'CMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/site"]',
  '',
].join('\n');
const RUN_LINE = 4;

test.use({
  ...(process.env.LAYERLAB_WEB_URL ? { baseURL: process.env.LAYERLAB_WEB_URL } : {}),
  viewport: { width: 1280, height: 800 },
});

// Screenshots go to the test's output and, when LAYERLAB_SHOTS_DIR is set,
// to that folder too, so a person can look at every stage.
async function shot(page: Page, info: TestInfo, name: string) {
  const file = info.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  await info.attach(name, { path: file, contentType: 'image/png' });
  const dir = process.env.LAYERLAB_SHOTS_DIR;
  if (dir) { fs.mkdirSync(dir, { recursive: true }); fs.copyFileSync(file, path.join(dir, `${name}.png`)); }
}

async function themed(page: Page, info: TestInfo, name: string) {
  await shot(page, info, `${name}-light`);
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await page.waitForTimeout(400);
  await shot(page, info, `${name}-dark`);
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
}

async function session(page: Page): Promise<{ id: string; token: string }> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('layerlab.playground.v1') ?? '{}').session);
}

function engineHistory(imageId: string): { id: string; createdBy: string }[] | null {
  try {
    const out = execFileSync('docker', ['history', '--no-trunc', '--format', '{{.ID}}\t{{.CreatedBy}}', imageId], { encoding: 'utf8' });
    return out.replace(/\n+$/, '').split('\n').map((l) => { const [id, createdBy = ''] = l.split('\t'); return { id, createdBy }; });
  } catch {
    return null; // no docker CLI on this machine: the sandbox's own answer is checked instead
  }
}

async function layerItems(page: Page) {
  const region = page.getByRole('region', { name: 'Image layers' });
  return region.getByRole('listitem');
}

// A new playground: nothing saved from an earlier test, a live session.
async function openFreshPlayground(page: Page, baseURL: string | undefined): Promise<void> {
  await page.goto(`${baseURL ?? 'http://localhost:3000'}/play`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: /^Session / })).toBeVisible({ timeout: 60_000 });
}

test('build, inspect layers, break a line, run, change files, commit, remove', async ({ page, baseURL }, info) => {
  test.setTimeout(240_000);
  await openFreshPlayground(page, baseURL);

  // ---- type and build ---------------------------------------------------
  await setDockerfile(page, DOCKERFILE);
  await page.getByRole('textbox', { name: 'Tag', exact: true }).fill('e2e:1');
  await shot(page, info, '01-typed');
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page.getByLabel('Build log')).toContainText('Successfully built', { timeout: 120_000 });
  const items = await layerItems(page);
  await expect(items.first()).toBeVisible();
  await page.waitForTimeout(600);
  await themed(page, info, '02-built');

  // ---- the layer list is the engine's history, newest first ---------------
  const s = await session(page);
  const detail = await page.evaluate(async (s) => {
    const base = document.querySelector<HTMLElement>('[data-sandbox-url]')?.dataset.sandboxUrl ?? '';
    const r = await fetch(`${base}/v1/sessions/${s.id}/images/${encodeURIComponent('e2e:1')}`, { headers: { authorization: `Bearer ${s.token}` } });
    return r.json();
  }, s);
  const apiLayers: { id: string; createdBy: string }[] = detail.layers;
  const labels = await items.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  const texts = await items.allTextContents();
  expect(labels).toHaveLength(apiLayers.length);
  const newestFirst = [...apiLayers].reverse();
  newestFirst.forEach((l, i) => {
    const short = l.id.replace(/^sha256:/, '').slice(0, 12);
    expect(texts[i]).toContain(short);
    expect(labels[i]).toMatch(/^Layer \d+: /);
  });
  expect(labels.some((l) => /RUN mkdir -p logs/.test(l))).toBe(true);
  expect(labels.some((l) => /^Layer \d+: ENV GREETING=.*metadata only, 0B/.test(l))).toBe(true);
  const history = engineHistory(detail.id);
  if (history) {
    expect(history.map((h) => h.id.replace(/^sha256:/, '').slice(0, 12))).toEqual(newestFirst.map((l) => l.id.replace(/^sha256:/, '').slice(0, 12)));
    expect(history.map((h) => h.createdBy)).toEqual(newestFirst.map((l) => l.createdBy));
  }

  // Hovering the RUN layer lights its Dockerfile line.
  const runItem = page.getByRole('region', { name: 'Image layers' }).locator(`[role=listitem][data-line="${RUN_LINE}"]`);
  await runItem.hover();
  await expect(page.locator('.layerlab-line-highlight').first()).toBeAttached();
  await page.mouse.move(0, 0);
  // Keyboard: layers are focusable, arrows walk the stack, focus lights the line too.
  await items.first().focus();
  const cmdAt = (await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-line')))).indexOf('7');
  expect(cmdAt).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < cmdAt; i++) await page.keyboard.press('ArrowDown');
  await expect(items.nth(cmdAt)).toBeFocused();
  await expect(page.locator('.layerlab-line-highlight').first()).toBeAttached();

  // ---- a deliberate error marks the right line ------------------------------
  await setDockerfile(page, DOCKERFILE.replace('RUN mkdir -p logs', 'RUN no-such-command && mkdir -p logs'));
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: /^Line \d+:/ });
  await expect(alert).toContainText(`Line ${RUN_LINE}:`, { timeout: 120_000 });
  await expect(page.getByRole('list', { name: 'Build steps' }).getByRole('listitem').nth(2)).toHaveAttribute('aria-label', /modify failed|run failed/);
  const gutter = page.locator('.layerlab-build-error-gutter').first();
  await expect(gutter).toBeAttached();
  const lineNo = page.locator('.margin .line-numbers', { hasText: new RegExp(`^${RUN_LINE}$`) }).first();
  const [g, n] = [await gutter.boundingBox(), await lineNo.boundingBox()];
  expect(g && n && Math.abs(g.y - n.y) < 4).toBe(true);
  await themed(page, info, '03-error');

  // Put the line back: the rebuild comes from cache.
  await setDockerfile(page, DOCKERFILE);
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page.getByLabel('Build log')).toContainText('Successfully built', { timeout: 120_000 });
  await expect(alert).toHaveCount(0);
  const layerCount = apiLayers.length;
  await expect(await layerItems(page)).toHaveCount(layerCount);

  // ---- run a container, change files from its terminal -----------------------
  const containers = page.getByRole('region', { name: 'Containers' });
  await containers.getByRole('button', { name: 'Run', exact: true }).click();
  const card = containers.getByRole('listitem').first();
  await expect(card).toHaveAttribute('aria-label', /running/, { timeout: 60_000 });
  await containers.getByRole('button', { name: 'Terminal' }).click();
  const term = page.locator('.xterm').first();
  await expect(page.getByRole('status').filter({ hasText: /^Shell in container/ })).toBeVisible({ timeout: 30_000 });
  await term.click();
  await page.keyboard.type('echo fresh > /site/e2e-added.txt && rm /site/index.html && ls /site\n');
  await expect(card).toHaveAttribute('aria-label', /[1-9]\d* added, .* [1-9]\d* deleted/, { timeout: 15_000 });
  await expect(containers.locator('text', { hasText: '/site/e2e-added.txt' })).toBeVisible();
  await expect(containers.locator('text', { hasText: '/site/index.html' })).toBeVisible();
  await page.waitForTimeout(500);
  await themed(page, info, '04-terminal');

  // ---- Run command: the line goes to the container's shell, as docker exec sh -c
  const line = 'echo $((6*7)) > /tmp/f && cat /tmp/f';
  const box = containers.getByRole('textbox', { name: /^Command to run in container/ });
  await box.click();
  await page.keyboard.type(line, { delay: 40 });
  await page.keyboard.press('Enter');
  const result = containers.getByRole('log', { name: 'Run command' });
  await expect(result).toContainText('Exit code 0', { timeout: 30_000 });
  await expect(result).toContainText('42');
  await expect(result).toContainText(`docker exec ${(await card.getAttribute('aria-label'))?.match(/[0-9a-f]{12}/)?.[0] ?? ''} sh -c '${line}'`);
  await expect(box).toHaveValue('');
  await box.press('ArrowUp');
  await expect(box).toHaveValue(line);
  await box.fill('');
  await result.scrollIntoViewIfNeeded();
  await shot(page, info, '04b-run-command');

  // ---- commit: a new image with exactly one more layer ------------------------
  await containers.getByRole('textbox', { name: 'Tag for the committed image' }).fill('e2e:committed');
  await containers.getByRole('button', { name: 'Commit' }).click();
  await expect(page.getByRole('combobox', { name: 'Image', exact: true })).toContainText('e2e:committed', { timeout: 30_000 });
  await expect(await layerItems(page)).toHaveCount(layerCount + 1, { timeout: 30_000 });
  await page.waitForTimeout(800);
  await themed(page, info, '05-committed');

  // ---- remove the container: its writable layer goes, the image stays --------
  await containers.getByRole('button', { name: 'Remove' }).click();
  // gVisor's clean-up of a removed container was once seen to take over 30 s right after the abuse tier.
  await expect(containers.getByRole('listitem')).toHaveCount(0, { timeout: 120_000 });
  const picker = page.getByRole('combobox', { name: 'Image', exact: true });
  const original = await picker.locator('option').evaluateAll((os) => (os as HTMLOptionElement[]).find((o) => o.text.startsWith('e2e:1 '))?.value ?? '');
  await picker.selectOption(original);
  await expect(await layerItems(page)).toHaveCount(layerCount);
  await shot(page, info, '06-removed');

  // ---- a reload brings the playground back from the same session ----------------
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: `Session ${s.id.slice(0, 8)}` })).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.monaco-editor')).toContainText('made by e2e', { timeout: 60_000 });
  await expect(await layerItems(page)).toHaveCount(layerCount, { timeout: 30_000 });

  // ---- narrow (tablet) layout ------------------------------------------------
  await page.setViewportSize({ width: 900, height: 1100 });
  await page.waitForTimeout(600);
  await themed(page, info, '07-tablet');
});

test('layer files, union view with whiteouts, binary upload and cancel', async ({ page, baseURL }, info) => {
  test.setTimeout(240_000);
  await openFreshPlayground(page, baseURL);

  // A small binary file goes into the context as base64 and is listed as such.
  await page.getByLabel('Upload files into the build context').setInputFiles({ name: 'blob.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2, 3, 255, 0, 7]) });
  await expect(page.getByRole('list', { name: 'Files in the build context' })).toContainText('blob.bin · binary · 7B');

  // The starter Dockerfile: its COPY layer holds index.html.
  await page.getByRole('textbox', { name: 'Tag', exact: true }).fill('e2e-files:1');
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page.getByLabel('Build log')).toContainText('Successfully built', { timeout: 120_000 });
  const layers = page.getByRole('region', { name: 'Image layers' });
  await layers.locator('[role=listitem][data-line="5"]').click();
  const drawer = page.getByRole('region', { name: /^Files of layer \d+$/ });
  await expect(drawer.getByRole('listitem', { name: 'added /site/index.html' })).toBeVisible({ timeout: 30_000 });
  await layers.locator('[role=listitem][data-line="4"]').click();
  await expect(drawer.getByRole('listitem', { name: 'added /site/build-info.txt' })).toBeVisible({ timeout: 30_000 });
  await shot(page, info, '08-layer-files');

  // A container deletes a file from a lower layer: the union view shows the whiteout.
  const containers = page.getByRole('region', { name: 'Containers' });
  await containers.getByRole('button', { name: 'Run', exact: true }).click();
  const card = containers.getByRole('listitem').first();
  await expect(card).toHaveAttribute('aria-label', /running/, { timeout: 60_000 });
  const cid = await card.getAttribute('data-container-id');
  const s = await session(page);
  const exec = await page.evaluate(async ({ s, cid }) => {
    const base = document.querySelector<HTMLElement>('[data-sandbox-url]')?.dataset.sandboxUrl ?? '';
    const r = await fetch(`${base}/v1/sessions/${s.id}/containers/${cid}/exec`, {
      method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cmd: ['sh', '-c', 'rm /site/index.html && echo new > /site/new.txt'] }),
    });
    return r.json();
  }, { s, cid });
  expect(exec.exitCode).toBe(0);
  await expect(card).toHaveAttribute('aria-label', /1 deleted/, { timeout: 15_000 });
  await containers.getByRole('button', { name: 'Union view' }).click();
  const tree = page.getByRole('tree', { name: 'Merged file tree' });
  await expect(tree.getByRole('treeitem', { name: '/site/index.html, deleted (whiteout), from writable layer' })).toBeVisible({ timeout: 30_000 });
  await expect(tree.getByRole('treeitem', { name: '/site/new.txt, from writable layer' })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^\/site\/build-info\.txt, from layer \d+ \(RUN\)$/ })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^\/bin, from layer 1 \(FROM\)$/ })).toBeVisible();
  await tree.scrollIntoViewIfNeeded();
  await themed(page, info, '09-union');
  await containers.getByRole('button', { name: 'Remove' }).click();
  // gVisor's clean-up of a removed container was once seen to take over 30 s right after the abuse tier.
  await expect(containers.getByRole('listitem')).toHaveCount(0, { timeout: 120_000 });

  // Cancel stops a running build.
  await setDockerfile(page, 'FROM busybox:1.35\nRUN sleep 60\n');
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Build steps' }).getByRole('listitem').nth(1)).toHaveAttribute('aria-label', /run in progress/, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByLabel('Build log')).toContainText('Build cancelled.', { timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Build', exact: true })).toBeEnabled();
});

// The editor's tooling in the real browser: the Monaco contributions we ship
// (components/editor/monaco-core.ts) must carry completion, hovers, lint
// markers with quick fixes, and find.
test('editor: completion, hover documentation, a lint quick fix, find', async ({ page, baseURL }, info) => {
  await page.goto(`${baseURL ?? 'http://localhost:3000'}/play`);
  await setDockerfile(page, 'FROM busybox:1.35\nRUN cd /app\n');
  const lines = page.locator('.monaco-editor .view-lines').first();

  // The lesson lint marks `RUN cd` and offers WORKDIR as a quick fix.
  await expect(page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-info').first()).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  await page.keyboard.press('ControlOrMeta+Period');
  // The list takes the keyboard (a pointer block covers it for the mouse).
  await expect(page.locator('.action-widget .monaco-list-row.focused')).toContainText('Replace with WORKDIR /app', { timeout: 15_000 });
  await page.keyboard.press('Enter');
  await expect(lines).toContainText('WORKDIR /app');
  await expect(lines).not.toContainText('RUN cd');

  // Completion of instructions.
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('EXPO');
  // Typing may already open the list (quick suggestions); Ctrl+Space asks
  // for it when it has not, or after it closed while the tooling loaded.
  const suggest = page.locator('.monaco-editor .suggest-widget');
  await expect(async () => {
    if (!(await suggest.isVisible())) await page.keyboard.press('Control+Space');
    await expect(suggest).toContainText('EXPOSE', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await shot(page, info, 'editor-completion');
  // A list that opened by itself holds no choice: Tab takes its top entry
  // (Enter would be a new line; see the typing test below).
  await page.keyboard.press('Tab');
  await expect(lines).toContainText(/EXPOSE\s/);

  // Hover documentation in our words.
  await lines.getByText('FROM', { exact: true }).hover();
  const hover = page.locator('.monaco-hover').filter({ hasText: 'Picks the image this build starts from' });
  await expect(hover).toBeVisible({ timeout: 15_000 });
  await shot(page, info, 'editor-hover');

  // Find (the editor still has the keyboard; the hover only had the mouse).
  await page.mouse.move(0, 0);
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.type('busybox');
  await expect(page.locator('.monaco-editor .find-widget .matchesCount')).toHaveText('1 of 1', { timeout: 15_000 });
});

// The page hands the editor's text back to it as a prop; on a slow machine
// that prop trails the typing, and writing it back used to erase keystrokes
// (components/editor/echo-guard.ts). A throttled CPU makes the lag certain.
test('typing fast on a slow machine loses no keystrokes, and Start over still replaces the text', async ({ page, baseURL }) => {
  await page.goto(`${baseURL ?? 'http://localhost:3000'}/play`);
  await setDockerfile(page, 'FROM busybox:1.35\n');
  const lines = page.locator('.monaco-editor .view-lines').first();
  const typed = 'RUN echo the quick brown fox jumps over the lazy dog 0123456789';
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
  await page.keyboard.type(typed);
  await page.keyboard.press('Escape'); // a suggestion list may be open
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await expect(lines).toContainText(typed.replace(/ /g, '\u00a0'));

  // What was saved is what was typed: a reload brings back every character.
  await page.waitForTimeout(400);
  await page.reload();
  await expect(lines).toContainText(typed.replace(/ /g, '\u00a0'), { timeout: 60_000 });

  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Start over' }).click();
  await expect(lines).toContainText('A tiny web site, built one layer at a time.');
  await expect(lines).not.toContainText('quick');
  // The outside change is an edit: Ctrl+Z brings the learner's text back.
  await lines.click();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(lines).toContainText(typed.replace(/ /g, '\u00a0'));
});

// Typed at a person's pace, with Monaco's list popping up after most words,
// Enter must stay a line break: it once accepted a suggestion nobody chose
// (after `ENV A=1` it inserted the snippet `ENV key=value`) and swallowed
// the newline, so an 11-line Dockerfile built as 9 lines.
test('a Dockerfile typed key by key with suggestions open is exactly what was typed; Tab and a chosen entry still complete', async ({ page, baseURL }) => {
  await page.goto(`${baseURL ?? 'http://localhost:3000'}/play`);
  await setDockerfile(page, '');
  const typed = [
    'FROM busybox',
    'WORKDIR /app',
    'ENV A=1',
    'ENV B=2',
    'ARG VERSION=1',
    'LABEL maintainer=me',
    'COPY . .',
    'RUN echo hi',
    'EXPOSE 8080',
    'USER nobody',
    'CMD ["sh"]',
  ];
  const suggest = page.locator('.monaco-editor .suggest-widget');
  let seenOpen = 0;
  for (const line of typed) {
    // Human pace: Monaco's quick suggestions have time to appear.
    await page.keyboard.type(line, { delay: 60 });
    if (await suggest.isVisible()) seenOpen++;
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Escape');
  // The list really was open under the typing, or this proves nothing.
  expect(seenOpen).toBeGreaterThan(0);
  // What the page keeps (and a build sends) is the text typed, line for line.
  const saved = async () => page.evaluate(() => {
    const raw = localStorage.getItem('layerlab.playground.v1');
    return raw ? (JSON.parse(raw) as { dockerfile: string }).dockerfile : null;
  });
  await expect.poll(saved, { timeout: 15_000 }).toBe(typed.join('\n') + '\n');

  // Moving into the list makes Enter take the entry moved to.
  const lines = page.locator('.monaco-editor .view-lines').first();
  await page.keyboard.type('HEALTHCH', { delay: 60 });
  await expect(async () => {
    if (!(await suggest.isVisible())) await page.keyboard.press('Control+Space');
    await expect(suggest).toContainText('HEALTHCHECK', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(lines).toContainText(/HEALTHCHECK\s/);
});

test('Start over after a failed build leaves nothing of the old Dockerfile: no banner, no line marker, no steps, no output', async ({ page, baseURL }) => {
  await page.goto(`${baseURL ?? 'http://localhost:3000'}/play`);
  await setDockerfile(page, 'FROM busybox:1.35\nRUN exit 3\n');
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: /^Line 2:/ });
  await expect(alert).toBeVisible({ timeout: 120_000 });
  await expect(page.locator('.layerlab-build-error-gutter')).toHaveCount(1);
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Start over' }).click();
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('A tiny web site, built one layer at a time.');
  await expect(alert).toHaveCount(0);
  await expect(page.locator('.layerlab-build-error-gutter')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Build steps' }).getByRole('listitem')).toHaveCount(0);
  await expect(page.getByLabel('Build log')).not.toContainText('exit');
});

test('what a container prints shows in Container logs, stderr marked, and stays after it exits', async ({ page, baseURL }, info) => {
  await page.goto(`${baseURL ?? 'http://localhost:3000'}/play`);
  await setDockerfile(page, 'FROM busybox:1.35\nCMD ["sh", "-c", "echo hello-out; echo hello-err >&2; sleep 2; echo bye"]\n');
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page.getByLabel('Build log')).toContainText('Successfully built', { timeout: 120_000 });
  const containers = page.getByRole('region', { name: 'Containers' });
  await containers.getByRole('button', { name: 'Run', exact: true }).click();
  const logs = containers.getByRole('log', { name: 'Container logs' });
  await expect(logs).toContainText('hello-out', { timeout: 60_000 });
  await expect(logs).toContainText('stderr: hello-err');
  await expect(logs).not.toContainText('stderr: hello-out');
  const card = containers.getByRole('listitem').first();
  await expect(card).toHaveAttribute('aria-label', /exited \(0\), success/, { timeout: 60_000 });
  await expect(logs).toContainText('bye');
  await expect(logs).toContainText('hello-out');
  await logs.scrollIntoViewIfNeeded();
  await shot(page, info, 'container-logs');
});

// app/editor-preload.ts: pages that show the editor name its chunk in their
// HTML, so the browser fetches Monaco alongside the page's own scripts.
test('the editor\'s chunk is preloaded with the HTML of every page that shows the editor, and only there', async ({ request, baseURL }) => {
  const base = baseURL ?? 'http://localhost:3000';
  expect(await preloadsEditor(request, base, '/play')).toBe(true);
  expect(await preloadsEditor(request, base, '/lessons/docker-build')).toBe(true); // hands-on: the playground is on the page
  expect(await preloadsEditor(request, base, '/lessons/orchestration')).toBe(false); // reading only
  expect(await preloadsEditor(request, base, '/')).toBe(false);
});
