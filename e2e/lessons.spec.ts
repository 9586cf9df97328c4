import { test, expect, type Page, type TestInfo } from '@playwright/test';
import { setDockerfile } from './support/editor';
import fs from 'node:fs';
import path from 'node:path';

// Lessons in both languages: the index, a lesson page with tasks, hints and
// the solution, and a language choice that survives a reload.
test('lesson index lists the ten lessons in English and in Chinese', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'layerlab-locale', value: 'en', url: baseURL! }]);
  await page.goto('/lessons');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lessons');
  await expect(page.locator('[data-lesson]')).toHaveCount(10);
  await expect(page.locator('[data-lesson="containers-and-vms"]')).toContainText('Containers and virtual machines');
  await expect(page.locator('[data-lesson="installing-docker"]')).toContainText('Reading');
  await expect(page.locator('[data-progress]').first()).toHaveText('Not started');

  await page.getByRole('button', { name: '简体中文' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('课程');
  await expect(page.locator('[data-lesson="containers-and-vms"]')).toContainText('容器与虚拟机');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.screenshot({ path: test.info().outputPath('lessons-zh.png'), fullPage: true });

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('课程');
  expect(await page.evaluate(() => localStorage.getItem('layerlab-locale'))).toBe('zh');
});

test('a lesson shows its steps, diagram, checks with what is missing, hints and the solution', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'layerlab-locale', value: 'en', url: baseURL! }]);
  await page.goto('/lessons/images-and-containers');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Images and containers');
  // The real playground is mounted with the lesson's starter Dockerfile.
  await expect(page.locator('[data-playground-mount] .monaco-editor')).toContainText('COPY hello.txt /app/', { timeout: 60_000 });

  const step = page.locator('section#writable');
  await expect(step.locator('[data-check="wrote"]')).toHaveAttribute('data-passed', 'false');
  await expect(step.locator('[data-check="wrote"]')).toContainText('does not show /test/hello as added');
  await step.getByRole('button', { name: 'Show a hint' }).click();
  await expect(step.getByText('Hint 1')).toBeVisible();
  await step.getByText('Show the solution').click();
  await expect(step.getByText('$ docker exec first sh -c')).toBeVisible();

  await page.goto('/lessons/containers-and-vms');
  await expect(page.getByRole('img', { name: 'Virtual machines and containers, side by side' })).toBeVisible();
  // The progress badge renders once the page is interactive.
  await expect(page.locator('[data-progress]')).toBeVisible();

  await page.getByRole('button', { name: '简体中文' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('容器与虚拟机');
  await expect(page.getByRole('img', { name: '虚拟机与容器的对比' })).toBeVisible();
  await expect(page.locator('section#shared-kernel [data-check="uname"]')).toContainText('请在容器里运行');
  await page.screenshot({ path: test.info().outputPath('lesson-zh.png'), fullPage: true });
});

// Screenshots go to the test's output and, when LAYERLAB_SHOTS_DIR is set,
// to that folder too.
async function shot(page: Page, info: TestInfo, name: string) {
  const file = info.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  const dir = process.env.LAYERLAB_SHOTS_DIR;
  if (dir) { fs.mkdirSync(dir, { recursive: true }); fs.copyFileSync(file, path.join(dir, `${name}.png`)); }
}

test('lesson 7 for real: build in the mounted playground, and the checks turn passed and stay passed', async ({ page, context, baseURL }, info) => {
  test.setTimeout(300_000);
  await context.addCookies([{ name: 'layerlab-locale', value: 'en', url: baseURL! }]);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/lessons/docker-build');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  const pg = page.locator('[data-playground-mount]');
  await expect(pg.getByRole('status').filter({ hasText: /^Session / })).toBeVisible({ timeout: 60_000 });
  await expect(pg.locator('.monaco-editor')).toContainText('COPY greeting.txt .', { timeout: 60_000 });
  // The lesson's own build context and the tag its task asks for.
  await pg.getByRole('tab', { name: /^Files/ }).click();
  await expect(pg.getByRole('list', { name: 'Files in the build context' })).toContainText('greeting.txt');
  await expect(pg.getByRole('textbox', { name: 'Tag', exact: true })).toHaveValue('lab/build:1');

  const loop = page.locator('section#loop');
  const fourLayers = loop.locator('[data-check="four-layers"]');
  await expect(fourLayers).toHaveAttribute('data-passed', 'false');
  await expect(fourLayers).toContainText('No image tagged lab/build:1 yet');
  // The step brings its view forward.
  await loop.getByRole('button', { name: /^Playground view: Build timeline/ }).click();
  await expect(pg.getByRole('tab', { name: 'Build', exact: true })).toHaveAttribute('aria-selected', 'true');

  await pg.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(pg.getByLabel('Build log')).toContainText('tagged lab/build:1', { timeout: 120_000 });
  await expect(fourLayers).toHaveAttribute('data-passed', 'true', { timeout: 30_000 });
  await expect(loop.locator('[data-check="one-run"]')).toHaveAttribute('data-passed', 'true');
  await expect(page.locator('[data-progress]')).toHaveText('2 of 3 done');
  await shot(page, info, 'lesson-07-built');

  // Step 2: change only CMD and rebuild as lab/build:2; the cache check
  // says what is missing until that build has happened.
  await page.locator('section#cache').getByRole('button', { name: /^Playground view: Build timeline/ }).click();
  const cached = page.locator('section#cache [data-check="cached"]');
  await expect(cached).toHaveAttribute('data-passed', 'false');
  await expect(cached).toContainText('lab/build:2');
  await setDockerfile(page, 'FROM busybox:latest\nWORKDIR /app\nCOPY greeting.txt .\nRUN wc -c greeting.txt > size.txt\nCMD ["sh", "-c", "echo bytes in greeting: $(cat size.txt)"]\n', '[data-playground-mount]');
  await expect(pg.locator('.monaco-editor')).toContainText('echo bytes in greeting');
  await pg.getByRole('textbox', { name: 'Tag', exact: true }).fill('lab/build:2');
  await pg.getByRole('button', { name: 'Build', exact: true }).click();
  // The log of this build, not the last one: it names the new tag.
  await expect(pg.getByLabel('Build log')).toContainText('tagged lab/build:2', { timeout: 120_000 });
  await expect(pg.getByLabel('Build log')).toContainText('Using cache');
  await expect(cached).toHaveAttribute('data-passed', 'true', { timeout: 30_000 });
  await expect(page.locator('[data-progress]')).toHaveText('✓ Done');
  // The layer stack shows the image just built, the cached layers marked.
  await pg.getByRole('tab', { name: 'Layers', exact: true }).click();
  await expect(pg.getByRole('region', { name: 'Image layers' }).getByRole('listitem').first()).toBeVisible();
  await expect(pg.getByRole('region', { name: 'Image layers' }).locator('[role=listitem][aria-label*="from cache"]')).not.toHaveCount(0);
  await shot(page, info, 'lesson-07-cache');

  // Progress went through the store: a reload keeps the passed checks and
  // the step the learner was on, and /play's own document is untouched.
  await page.reload();
  await expect(page.locator('[data-progress]')).toHaveText('✓ Done');
  await expect(page.locator('section#cache [data-check="cached"]')).toHaveAttribute('data-passed', 'true');
  await expect(page.locator('section#cache')).toHaveAttribute('data-current', 'true');
  expect(await page.evaluate(() => localStorage.getItem('layerlab.playground.v1'))).toBeNull();
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('layerlab.lesson.docker-build.v1') ?? '{}'));
  expect(saved.dockerfile).toContain('echo bytes in greeting');
});

test('the playground speaks Chinese: labels, diagrams and screen-reader names', async ({ page, context, baseURL }, info) => {
  test.setTimeout(240_000);
  await context.addCookies([{ name: 'layerlab-locale', value: 'zh', url: baseURL! }]);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/play');
  await page.evaluate(() => { localStorage.clear(); localStorage.setItem('layerlab-locale', 'zh'); });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('练习场');
  await expect(page.getByRole('status').filter({ hasText: /^会话 / })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: '构建', exact: true })).toBeEnabled();
  await expect(page.getByRole('button', { name: '重新开始' })).toBeVisible();
  await expect(page.getByRole('button', { name: '切换到深色主题' })).toBeVisible();
  await expect(page.getByText('不用缓存')).toBeVisible();
  await expect(page.getByRole('list', { name: '构建上下文中的文件' })).toContainText('index.html');
  await expect(page.getByText(/COPY 和 ADD 只能看到这些文件/)).toBeVisible();
  await expect(page.getByLabel('构建日志')).toContainText('引擎的构建输出会显示在这里');
  await expect(page.getByText('先运行一个容器并选中它')).toBeVisible();

  await page.getByRole('button', { name: '构建', exact: true }).click();
  await expect(page.getByLabel('构建日志')).toContainText('Successfully built', { timeout: 120_000 });
  const layers = page.getByRole('region', { name: '镜像层' });
  await expect(layers.getByRole('listitem').first()).toHaveAttribute('aria-label', /^第 \d+ 层：/);
  await expect(layers.getByText(/myapp:1：共 \d+ 层，最底下是基础层/)).toBeVisible();
  await expect(page.getByRole('list', { name: '构建步骤' }).getByRole('listitem').first()).toHaveAttribute('aria-label', /^第 1 步（共 \d+ 步）：FROM /);
  await expect(page.getByText(/^已构建 myapp:1：提交了 \d+ 步。$/)).toBeVisible();

  const containers = page.getByRole('region', { name: '容器' });
  await containers.getByRole('button', { name: '运行', exact: true }).click();
  const card = containers.getByRole('listitem').first();
  await expect(card).toHaveAttribute('aria-label', /^容器 [0-9a-f]{12}，运行中，/, { timeout: 60_000 });
  await containers.getByRole('textbox', { name: /^要在容器 [0-9a-f]{12} 里运行的命令$/ }).fill('uname -r');
  await containers.getByRole('button', { name: '运行命令' }).click();
  await expect(containers.getByText('退出码 0')).toBeVisible({ timeout: 30_000 });
  await shot(page, info, 'play-zh');
  await containers.getByRole('button', { name: '删除', exact: true }).click();
  await expect(containers.getByRole('listitem')).toHaveCount(0, { timeout: 30_000 });
});
