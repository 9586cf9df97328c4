import { test, expect } from '@playwright/test';
import { OPERATOR_TOKEN } from './support/operator';

test('home page explains Layerlab and links to the playground, from our own origin only', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['localhost', '127.0.0.1'].includes(u.hostname) && u.protocol.startsWith('http')) foreign.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('See what Docker really does');
  await expect(page.getByRole('link', { name: 'Open the playground' })).toHaveAttribute('href', '/play');
  await expect(page.getByRole('img', { name: /two containers sharing/i })).toBeVisible();
  // Instructors and learners find classrooms from every page's header.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Classrooms' })).toHaveAttribute('href', '/classroom');
  await nav.getByRole('link', { name: 'Join a class' }).click();
  await expect(page).toHaveURL(/\/join$/);
  await expect(page.getByRole('textbox', { name: 'Join code' })).toBeVisible();
  await page.goBack();
  // The site's icon is declared, so browsers do not ask for a missing /favicon.ico.
  const icon = page.locator('link[rel="icon"]');
  await expect(icon).toHaveAttribute('type', 'image/svg+xml');
  const served = await page.request.get(new URL((await icon.getAttribute('href'))!, page.url()).toString());
  expect(served.status()).toBe(200);
  expect(await served.text()).toContain('<svg');
  await page.screenshot({ path: test.info().outputPath('home.png'), fullPage: true });
  expect(foreign, `requests to other origins from ${baseURL}`).toEqual([]);
});

test('sandbox health reports the real engine and its runtime to the operator, only ok to others', async ({ request }) => {
  const port = process.env.LAYERLAB_SANDBOX_PORT ?? '4300';
  const res = await request.get(`http://localhost:${port}/healthz`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.ok).toBe(true);
  expect(body.engine.version).toMatch(/^\d+\.\d+/);
  expect(['runsc', 'runc']).toContain(body.engine.runtime);
  const visitor = await request.get(`http://localhost:${port}/healthz`);
  expect(await visitor.json()).toEqual({ ok: true });
});

test('home page renders in Simplified Chinese when chosen, and the choice is remembered', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '简体中文' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('看清 Docker 到底做了什么。');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.reload();
  await expect(page.getByRole('link', { name: '打开练习场' }).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('home-zh.png'), fullPage: true });
});
