// Share links and embeds, end to end in Chromium against the production
// build: share from one browser context, open and fork in another, hostile
// snapshots shown as text, and the embed inside an iframe of another origin.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, type Page, type APIRequestContext } from '@playwright/test';

const STORAGE_KEY = 'layerlab.playground.v1';

// Each share from its own made-up address, so reruns never meet the rate limit.
const someAddress = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}:${Date.now()}:${Math.random()}`;

async function share(request: APIRequestContext, body: object): Promise<{ slug: string; url: string }> {
  const res = await request.post('/api/shares', { data: body, headers: { 'x-forwarded-for': someAddress() } });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

// Monaco draws only what is on screen and uses non-breaking spaces.
async function editorText(page: Page, scope = page.locator('body')): Promise<string> {
  const lines = scope.locator('.monaco-editor .view-line');
  await expect(lines.first()).toBeVisible();
  const texts = await scope.locator('.monaco-editor .view-lines').evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>('.view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((l) => l.textContent ?? ''),
  );
  return texts.join('\n').replace(/\u00a0/g, ' ').trimEnd();
}

const snapshot = {
  title: 'Cache-friendly Python image',
  dockerfile: 'FROM busybox:1.35\nWORKDIR /app\nCOPY requirements.txt .\nRUN cat requirements.txt > installed.txt\nCOPY app.sh .\nCMD ["sh", "app.sh"]',
  files: { 'requirements.txt': 'flask==3.0\nrequests==2.32\n', 'app.sh': '#!/bin/sh\necho "hello from the app"\n' },
  commands: [['sh', 'app.sh']],
};

test('share in one browser, open and fork in another: Dockerfile and files match, the original never changes', async ({ browser, baseURL }) => {
  const sharer = await browser.newContext({ baseURL });
  const { slug, url } = await share(sharer.request, snapshot);
  expect(slug).toMatch(/^[0-9A-Za-z]{12}$/);
  expect(url).toBe(`${baseURL}/p/${slug}`);
  await sharer.close();

  const reader = await browser.newContext({ baseURL });
  const page = await reader.newPage();
  const res = await page.goto(`/p/${slug}`);
  expect(res?.status()).toBe(200);
  await expect(page.getByTestId('share-title')).toHaveText(snapshot.title);
  expect(await editorText(page, page.getByTestId('share-dockerfile'))).toBe(snapshot.dockerfile);
  // Read-only: typing changes nothing.
  await page.getByTestId('share-dockerfile').locator('.monaco-editor').click();
  await page.keyboard.insertText('RUN echo sneaky');
  expect(await editorText(page, page.getByTestId('share-dockerfile'))).toBe(snapshot.dockerfile);
  for (const [name, text] of Object.entries(snapshot.files)) {
    await page.getByRole('button', { name }).click();
    await expect(page.getByTestId('file-content')).toHaveText(text);
  }
  await expect(page.locator('[data-mount="share-build"]')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('share-page.png'), fullPage: true });

  await page.getByTestId('fork').click();
  await expect(page).toHaveURL(/\/play$/);
  const forked = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), STORAGE_KEY);
  expect(forked.dockerfile).toBe(snapshot.dockerfile);
  expect(forked.files).toEqual(snapshot.files);
  // The playground opens the fork in its editor.
  await expect.poll(() => editorText(page), { timeout: 60_000 }).toContain('COPY requirements.txt .');

  // Edit the fork in the playground's editor; the share stays as it was.
  await page.locator('.monaco-editor').first().click();
  await page.keyboard.press('Control+End');
  // insertText, not type: Monaco's suggestions may swallow single keystrokes.
  await page.keyboard.insertText('\nRUN echo edited-in-the-fork');
  await expect.poll(() => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? '{}').dockerfile, STORAGE_KEY)).toContain('edited-in-the-fork');
  const after = await (await reader.request.get(`/api/shares/${slug}`)).json();
  expect(after).toMatchObject({ slug, ...snapshot });
  await page.goto(`/p/${slug}`);
  expect(await editorText(page, page.getByTestId('share-dockerfile'))).toBe(snapshot.dockerfile);
  await reader.close();
});

test('hostile titles and files are shown as text and never run', async ({ page, request }) => {
  const hostile = {
    title: '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">',
    dockerfile: 'FROM busybox\n# <img src=x onerror="window.__pwned=3">\nCOPY index.html /www/',
    files: { 'index.html': '<img src=x onerror="window.__pwned=4"><script>window.__pwned=5</script>', '<b>odd name</b>.txt': '</pre><script>window.__pwned=6</script>' },
    commands: [['sh', '-c', '<script>window.__pwned=7</script>']],
  };
  const { slug } = await share(request, hostile);
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });

  for (const path of [`/p/${slug}`, `/embed/${slug}`]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(hostile.title);
    await expect(page.locator('.monaco-editor')).toBeVisible();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  }
  await page.goto(`/p/${slug}`);
  await expect(page.getByText(hostile.commands[0][2], { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'index.html' }).click();
  await expect(page.getByTestId('file-content')).toHaveText(hostile.files['index.html']);
  await page.getByRole('button', { name: '<b>odd name</b>.txt' }).click();
  await expect(page.getByTestId('file-content')).toHaveText(hostile.files['<b>odd name</b>.txt']);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.title()).toContain('<script>');
  expect(dialogs).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('share-hostile.png'), fullPage: true });
});

test('the embed renders inside an iframe on another origin, and only the embed may be framed', async ({ page, request, baseURL }) => {
  const { slug } = await share(request, { ...snapshot, title: 'Embedded on a blog' });
  const embed = await request.get(`/embed/${slug}`);
  expect(embed.status()).toBe(200);
  expect(embed.headers()['content-security-policy']).toMatch(/frame-ancestors \*/);
  expect(embed.headers()['x-frame-options']).toBeUndefined();
  const full = await request.get(`/p/${slug}`);
  expect(full.headers()['x-frame-options']).toBe('DENY');

  // A blog on another origin (another host name and port) embedding the share.
  const blog = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>A blog</title><h1>My post</h1>
      <iframe id="embed" src="${baseURL}/embed/${slug}" width="720" height="520"></iframe>
      <iframe id="full" src="${baseURL}/p/${slug}" width="300" height="200"></iframe>`);
  });
  await new Promise<void>((resolve) => blog.listen(0, '127.0.0.1', resolve));
  const blogUrl = `http://127.0.0.1:${(blog.address() as AddressInfo).port}/`;
  expect(new URL(blogUrl).origin).not.toBe(new URL(baseURL!).origin);
  try {
    await page.goto(blogUrl);
    const frame = page.frameLocator('#embed');
    await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Embedded on a blog');
    await expect(frame.locator('.monaco-editor')).toBeVisible();
    expect(await editorText(page, frame.locator('body'))).toBe(snapshot.dockerfile);
    await expect(frame.getByTestId('open-in-layerlab')).toHaveAttribute('href', `${baseURL}/p/${slug}`);
    await expect(frame.locator('[data-mount="share-build"]')).toBeVisible();
    // The full page refuses to be framed: its frame never gets our content.
    const fullFrame = page.frames().find((f) => f.url().includes(`/p/${slug}`));
    expect(fullFrame ? await fullFrame.locator('[data-testid="share-title"]').count() : 0).toBe(0);
    await page.screenshot({ path: test.info().outputPath('share-embed-on-blog.png') });
  } finally {
    await new Promise((resolve) => blog.close(resolve));
  }
});

test('an unknown share is a 404 page and a JSON 404', async ({ page, request }) => {
  const res = await page.goto('/p/NoSuchShare0');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This share does not exist');
  const api = await request.get('/api/shares/NoSuchShare0');
  expect(api.status()).toBe(404);
  expect((await api.json()).error.code).toBe('not_found');
  expect((await page.goto('/embed/NoSuchShare0'))?.status()).toBe(404);
});

test('the link preview image is drawn on the server and announced to unfurlers', async ({ page, request }) => {
  const { slug } = await share(request, snapshot);
  await page.goto(`/p/${slug}`);
  const og = await page.locator('meta[property="og:image"]').getAttribute('content');
  const tw = await page.locator('meta[name="twitter:image"]').getAttribute('content');
  expect(og).toContain(`/p/${slug}/opengraph-image`);
  expect(tw).toContain(`/p/${slug}/twitter-image`);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
  const img = await request.get(new URL(og!).pathname + new URL(og!).search);
  expect(img.status()).toBe(200);
  expect(img.headers()['content-type']).toBe('image/png');
  const png = await img.body();
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // 1200×630, read from the IHDR chunk.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
});

test('sharing refuses oversized snapshots and floods with clear errors', async ({ request }) => {
  const big = await request.post('/api/shares', { data: { dockerfile: 'FROM a', files: { big: 'x'.repeat(300 * 1024) } }, headers: { 'x-forwarded-for': someAddress() } });
  expect(big.status()).toBe(413);
  expect((await big.json()).error.message).toMatch(/256 KiB/);
  const ip = someAddress();
  let last = 201;
  let retryAfter: string | undefined;
  for (let i = 0; i < 40 && last === 201; i++) {
    const r = await request.post('/api/shares', { data: { dockerfile: `FROM busybox\nRUN echo ${i}` }, headers: { 'x-forwarded-for': ip } });
    last = r.status();
    retryAfter = r.headers()['retry-after'];
  }
  expect(last).toBe(429);
  expect(Number(retryAfter)).toBeGreaterThan(0);
});

test('the playground\'s Share button makes a link that opens the same Dockerfile', async ({ page }) => {
  await page.goto('/play');
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('button', { name: 'Create link' }).click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/\/p\/[A-Za-z0-9]{10,}$/);
  const snapshot = await (await page.request.get(url.replace('/p/', '/api/shares/'))).json();
  expect(snapshot.dockerfile).toContain('FROM busybox');
});
