// Share links and embeds, end to end in Chromium against the production
// build: share from one browser context, open and fork in another, hostile
// snapshots shown as text, the embed inside an iframe of another origin, and
// shares built for real on the engine (by a click, `?replay=1` or the share's
// own replay flag), in English and Chinese.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, type Page, type APIRequestContext } from '@playwright/test';
import { preloadsEditor } from './support/preload';

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

// A blog on another origin (another host name and port) that frames `src`.
async function blogFraming(src: string, extra = ''): Promise<{ url: string; close(): Promise<void> }> {
  const blog = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>A blog</title><h1>My post</h1>
      <iframe id="embed" src="${src}" width="760" height="640"></iframe>${extra}`);
  });
  await new Promise<void>((resolve) => blog.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(blog.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => blog.close(() => resolve())),
  };
}

// What a real build and a real container print, and nothing the page could
// make up: the shell works the sums out, the text only has the formulas.
const buildable = {
  title: 'Layers you can watch',
  dockerfile: 'FROM busybox:1.35\nWORKDIR /app\nCOPY requirements.txt .\nRUN echo "built-$((6*7))" && cat requirements.txt > installed.txt\nCOPY app.sh .\nCMD ["sh", "app.sh"]',
  files: { 'requirements.txt': 'flask==3.0\n', 'app.sh': '#!/bin/sh\necho "sum=$((40+2)) in $(pwd)"\n' },
  commands: [['sh', 'app.sh']],
};

// Waits for the share's build and commands to finish, then checks what the
// engine said: the step's output in the log, the layers in the diagram, the
// command's output.
async function expectBuiltForReal(scope: Page | ReturnType<Page['frameLocator']>) {
  const run = scope.locator('[data-mount="share-build"]');
  await expect(run).toHaveAttribute('data-stage', 'done', { timeout: 150_000 });
  const log = scope.getByTestId('share-build-log');
  await expect(log).toContainText('Step 4/6 : RUN echo');
  await expect(log).toContainText('built-42');
  await expect(log).toContainText(/Successfully built [0-9a-f]{12}, tagged snapshot:latest/);
  // The live layer diagram, drawn from the engine's history of the image.
  const layers = scope.locator('#layers-panel [role="listitem"]');
  await expect(layers.first()).toBeVisible();
  const labels = await layers.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  expect(labels.length).toBeGreaterThanOrEqual(6);
  expect(labels.some((l) => l.includes('COPY requirements.txt'))).toBe(true);
  expect(labels.some((l) => l.includes('RUN echo'))).toBe(true);
  await expect(scope.getByTestId('command-output')).toHaveText('sum=42 in /app');
  await expect(scope.getByTestId('command-run')).toContainText('exit code 0');
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

test('opening a share and pressing Build builds it on the real engine and runs its command', async ({ page, request }) => {
  const { slug } = await share(request, buildable);
  await page.goto(`/p/${slug}`);
  const run = page.locator('[data-mount="share-build"]');
  await expect(run).toHaveAttribute('data-stage', 'idle');
  // Nothing runs before the click: the plan stands where the layers will be.
  await expect(page.getByRole('list', { name: 'Layers the Dockerfile will make, base first' })).toBeVisible();
  await page.getByTestId('share-build').click();
  await expectBuiltForReal(page);
  await expect(page.getByTestId('share-build')).toHaveText('Build again');
  await page.screenshot({ path: test.info().outputPath('share-built.png'), fullPage: true });
  // Read-only: the snapshot is as it was.
  expect(await (await request.get(`/api/shares/${slug}`)).json()).toMatchObject(buildable);
});

test('?replay=1 builds and runs the commands as the page opens, without a click', async ({ page, request }) => {
  const { slug } = await share(request, buildable);
  await page.goto(`/p/${slug}?replay=1`);
  await expect(page.locator('[data-mount="share-build"]')).toHaveAttribute('data-autostart', '1');
  await expectBuiltForReal(page);
  // Without the parameter (and without the share's flag) it waits for a click.
  await page.goto(`/p/${slug}`);
  await expect(page.locator('[data-mount="share-build"]')).toHaveAttribute('data-autostart', '0');
  await page.waitForTimeout(1500);
  await expect(page.locator('[data-mount="share-build"]')).toHaveAttribute('data-stage', 'idle');
});

test('a replay share builds inside an embed on another origin, with the sandbox allowed by its CSP', async ({ page, request, baseURL }) => {
  const { slug } = await share(request, { ...buildable, title: 'Replayed on a blog', replay: true });
  const refused: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to connect/i.test(m.text())) refused.push(m.text()); });
  const blog = await blogFraming(`${baseURL}/embed/${slug}`);
  expect(new URL(blog.url).origin).not.toBe(new URL(baseURL!).origin);
  try {
    await page.goto(blog.url);
    const frame = page.frameLocator('#embed');
    await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Replayed on a blog');
    await expectBuiltForReal(frame);
    expect(refused).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('share-embed-built.png') });
  } finally {
    await blog.close();
  }
});

test('the share page, its build panel and its dialogs speak Chinese', async ({ browser, baseURL }) => {
  const ctx = await browser.newContext({ baseURL, locale: 'zh-CN', extraHTTPHeaders: { 'accept-language': 'zh-CN,zh;q=0.9' } });
  const { slug } = await share(ctx.request, { ...buildable, title: '看得见的层' });
  const page = await ctx.newPage();
  await page.goto(`/p/${slug}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('share-title')).toHaveText('看得见的层');
  await expect(page.getByRole('heading', { name: '真实构建' })).toBeVisible();
  await expect(page.getByTestId('share-build')).toHaveText('构建');
  await expect(page.getByTestId('run-stage')).toHaveText('尚未构建');
  await expect(page.getByRole('heading', { name: '构建上下文' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '将生成的层' })).toBeVisible();
  await expect(page.getByTestId('fork')).toHaveText('复刻并编辑');
  await page.getByRole('button', { name: '嵌入' }).click();
  await expect(page.getByRole('dialog', { name: '嵌入这个练习' })).toBeVisible();
  await expect(page.getByTestId('embed-code')).toHaveValue(new RegExp(`/embed/${slug}\\?lang=zh`));
  await page.getByTestId('embed-replay').check();
  await expect(page.getByTestId('embed-code')).toHaveValue(new RegExp(`/embed/${slug}\\?replay=1&amp;lang=zh`));
  await page.screenshot({ path: test.info().outputPath('share-zh-dialog.png') });
  await page.keyboard.press('Escape');
  // The embed follows `?lang=` whatever the reader's language.
  await page.goto(`/embed/${slug}?lang=en`);
  await expect(page.getByRole('heading', { name: 'Build it for real' })).toBeVisible();
  await page.goto(`/embed/${slug}`);
  await expect(page.getByRole('heading', { name: '真实构建' })).toBeVisible();
  await ctx.close();
});

test('the Share dialog can make a link that builds as it opens, and its embed code says so', async ({ page }) => {
  await page.goto('/play');
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByTestId('share-replay').check();
  await page.getByRole('button', { name: 'Create link' }).click();
  const url = await page.getByTestId('share-url').inputValue();
  const saved = await (await page.request.get(url.replace('/p/', '/api/shares/'))).json();
  expect(saved.replay).toBe(true);
  await expect(page.getByTestId('embed-code')).toHaveValue(/\/embed\/[A-Za-z0-9]+\?replay=1"/);
  await page.getByTestId('embed-replay').uncheck();
  await expect(page.getByTestId('embed-code')).toHaveValue(/\/embed\/[A-Za-z0-9]+" /);
});

test('share pages and embeds preload the editor\'s chunk with their HTML', async ({ request, baseURL }) => {
  const { slug } = await share(request, { dockerfile: 'FROM busybox:1.35\nRUN echo preload\n' });
  const base = baseURL ?? 'http://localhost:3000';
  expect(await preloadsEditor(request, base, `/p/${slug}`)).toBe(true);
  expect(await preloadsEditor(request, base, `/embed/${slug}`)).toBe(true);
});
