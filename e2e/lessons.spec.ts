import { test, expect } from '@playwright/test';

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
  await expect(page.getByTestId('starter-dockerfile')).toContainText('COPY hello.txt /app/');

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
