// The Content Security Policy in a real browser: every kind of page works
// with it on (Monaco and its workers, the xterm terminal, the D3 diagrams,
// lessons, shares, the embed framed by another origin, a class) and the
// browser reports no violation; a script injected into the page's HTML does
// not run, while the same script carrying the response's nonce does (so the
// test can see a script run at all).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { setDockerfile } from './support/editor';

interface Violation { directive: string; blocked: string; sample: string; page: string }

// Violations as the page's own documents (frames too) see them, plus the
// console's reports, which also cover workers.
async function watchCsp(context: BrowserContext): Promise<{ violations: (page: Page) => Promise<Violation[]>; console: string[] }> {
  const console: string[] = [];
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: unknown[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, page: location.pathname });
    });
  });
  context.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) console.push(m.text()); });
  return {
    console,
    violations: async (page) => (await Promise.all(page.frames().map((f) => f.evaluate(() => (window as unknown as { __csp?: Violation[] }).__csp ?? []).catch(() => [])))).flat(),
  };
}

async function shot(page: Page, info: TestInfo, name: string) {
  const file = info.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await info.attach(name, { path: file, contentType: 'image/png' });
}

const scriptSrc = (csp: string | undefined) => /(?:^|;)\s*script-src ([^;]*)/.exec(csp ?? '')?.[1].split(/\s+/) ?? [];

test('the playground works under the policy: Monaco and its worker, a build drawn by D3, a container\'s terminal', async ({ browser, baseURL }, info) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  const csp = await watchCsp(context);
  const page = await context.newPage();
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));

  const res = await page.goto('/play');
  const policy = res!.headers()['content-security-policy'];
  expect(scriptSrc(policy)).toEqual(["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/=]{16,}'$/)]);
  await expect(page.getByRole('status').filter({ hasText: /^Session / })).toBeVisible({ timeout: 60_000 });

  // Monaco starts its editor worker for word-based suggestions: from our origin, under worker-src.
  // In a comment the Dockerfile service offers nothing, so Monaco offers the
  // document's own words, which its worker computes.
  await setDockerfile(page, 'FROM busybox:1.35\nRUN echo layers\n# lay');
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.suggest-widget .monaco-list-row', { hasText: 'layers' }).first()).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => workers.length, { timeout: 30_000 }).toBeGreaterThan(0);
  for (const w of workers) expect(new URL(w).origin).toBe(new URL(baseURL!).origin);
  await page.keyboard.press('Escape');
  await setDockerfile(page, 'FROM busybox:1.35\nRUN echo "csp-$((6*7))" | tee /made.txt\nCMD ["sh"]\n');

  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page.getByLabel('Build log')).toContainText('csp-42', { timeout: 120_000 });
  await expect(page.getByLabel('Build log')).toContainText('Successfully built', { timeout: 120_000 });
  const layers = page.getByRole('region', { name: 'Image layers' }).getByRole('listitem');
  await expect(layers.first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Image layers' }).locator('svg').first()).toBeVisible();

  const containers = page.getByRole('region', { name: 'Containers' });
  await containers.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(containers.getByRole('listitem').first()).toHaveAttribute('aria-label', /running/, { timeout: 60_000 });
  await containers.getByRole('button', { name: 'Terminal' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Shell in container/ })).toBeVisible({ timeout: 30_000 });
  await page.locator('.xterm').first().click();
  await page.keyboard.type('cat /made.txt; echo "sum=$((40+2))"\n');
  await expect(page.locator('.xterm-rows')).toContainText('sum=42', { timeout: 30_000 });
  await page.waitForTimeout(500);
  await shot(page, info, 'csp-playground');

  expect(await csp.violations(page)).toEqual([]);
  expect(csp.console).toEqual([]);
  await containers.getByRole('button', { name: 'Remove' }).click();
  await context.close();
});

// The web as seen through a relay that writes hostile markup into the
// playground's HTML on its way, the way a stored or reflected injection
// would land in it; the response's headers (the policy) pass unchanged. A
// real server rather than Playwright's request interception: Chromium treats
// an intercepted document as public and then refuses its calls to the
// sandbox on localhost (private network access).
async function injectingRelay(upstream: string, inject: (nonce: string) => string): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(upstream);
  const relay = http.createServer((req, res) => {
    const headers = { ...req.headers, host: target.host, 'accept-encoding': 'identity' };
    const up = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers }, (upRes) => {
      const isPage = req.url === '/play' && /text\/html/.test(String(upRes.headers['content-type']));
      if (!isPage) { res.writeHead(upRes.statusCode ?? 502, upRes.headers); upRes.pipe(res); return; }
      let html = '';
      upRes.setEncoding('utf8');
      upRes.on('data', (c: string) => { html += c; });
      upRes.on('end', () => {
        const nonce = /'nonce-([^']+)'/.exec(String(upRes.headers['content-security-policy']))?.[1] ?? 'none';
        const body = html.replace('<body>', `<body>${inject(nonce)}`);
        const out = { ...upRes.headers, 'content-length': String(Buffer.byteLength(body)) };
        delete out['transfer-encoding'];
        res.writeHead(upRes.statusCode ?? 200, out);
        res.end(body);
      });
    });
    up.on('error', () => { res.writeHead(502); res.end(); });
    req.pipe(up);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => relay.close(() => r())) };
}

test('a script injected into the page does not run; the playground still works', async ({ browser, baseURL }, info) => {
  test.setTimeout(180_000);
  // An inline script, an inline handler, a script from a data: URL, a
  // javascript: link, and (the control) the same inline script with this
  // response's nonce.
  const relay = await injectingRelay(baseURL!, (nonce) => [
    '<script>window.__injected = (window.__injected || []).concat("inline")</script>',
    '<img src="/nope.png" onerror="window.__injected = (window.__injected || []).concat(\'handler\')">',
    '<script src="data:text/javascript,window.__injected=(window.__injected||[]).concat(\'data\')"></script>',
    '<a id="js-link" href="javascript:window.__injected=(window.__injected||[]).concat(\'link\')">x</a>',
    `<script nonce="${nonce}">window.__control = "ran"</script>`,
  ].join(''));
  const context = await browser.newContext({ baseURL: relay.url, viewport: { width: 1280, height: 800 } });
  const csp = await watchCsp(context);
  const page = await context.newPage();
  try {
    await page.goto('/play');
    await expect(page.locator('#js-link')).toBeAttached();
    await expect(page.getByRole('status').filter({ hasText: /^Session / })).toBeVisible({ timeout: 60_000 });
    await page.locator('#js-link').click({ force: true }).catch(() => undefined);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __control?: string }).__control)).toBe('ran');
    expect(await page.evaluate(() => (window as unknown as { __injected?: string[] }).__injected)).toBeUndefined();

    const blocked = await csp.violations(page);
    expect(blocked.map((v) => v.directive)).toEqual(expect.arrayContaining(['script-src-attr', 'script-src-elem']));
    expect(blocked.some((v) => v.blocked === 'data')).toBe(true);
    expect(blocked.some((v) => v.blocked === 'inline' && v.directive === 'script-src-elem')).toBe(true);

    // The page itself goes on working: the editor takes text and a build runs.
    await setDockerfile(page, 'FROM busybox:1.35\nRUN echo injected-page-works\n');
    await page.getByRole('button', { name: 'Build', exact: true }).click();
    await expect(page.getByLabel('Build log')).toContainText('Successfully built', { timeout: 120_000 });
    await shot(page, info, 'csp-injected');
    // Nothing but the injected pieces was refused.
    expect((await csp.violations(page)).filter((v) => !['inline', 'data'].includes(v.blocked))).toEqual([]);
  } finally {
    await context.close();
    await relay.close();
  }
});

// A blog on another origin framing `src`.
async function blogFraming(src: string): Promise<{ url: string; close(): Promise<void> }> {
  const blog = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>A blog</title><h1>My post</h1><iframe id="embed" src="${src}" width="900" height="700"></iframe>`);
  });
  await new Promise<void>((resolve) => blog.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(blog.address() as AddressInfo).port}/`, close: () => new Promise<void>((r) => blog.close(() => r())) };
}

test('lessons, a share, its embed framed by another site and a class work under the policy, with no violation', async ({ browser, baseURL }, info) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  const csp = await watchCsp(context);
  const page = await context.newPage();
  const seen: Violation[] = [];

  await page.goto('/lessons');
  await expect(page.locator('[data-lesson]').first()).toBeVisible();
  await page.goto('/lessons/images-and-containers');
  await expect(page.locator('[data-playground-mount] .monaco-editor')).toContainText('COPY hello.txt /app/', { timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: /^Session / })).toBeVisible({ timeout: 60_000 });
  await shot(page, info, 'csp-lesson');
  seen.push(...await csp.violations(page));

  const made = await page.request.post('/api/shares', {
    data: { title: 'Under the policy', dockerfile: 'FROM busybox:1.35\nRUN echo shared\n' },
    headers: { 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 250) + 1}` },
  });
  expect(made.status(), await made.text()).toBe(201);
  const { slug, url } = await made.json();
  expect(url).toBe(`${baseURL}/p/${slug}`);
  await page.goto(`/p/${slug}`);
  await expect(page.locator('.monaco-editor').first()).toContainText('RUN echo shared', { timeout: 60_000 });
  await shot(page, info, 'csp-share');
  seen.push(...await csp.violations(page));

  const blog = await blogFraming(`${baseURL}/embed/${slug}`);
  try {
    await page.goto(blog.url);
    const frame = page.frameLocator('#embed');
    await expect(frame.locator('.monaco-editor').first()).toContainText('RUN echo shared', { timeout: 60_000 });
    await shot(page, info, 'csp-embed');
    seen.push(...await csp.violations(page));
  } finally {
    await blog.close();
  }

  await page.goto('/classroom');
  await page.getByRole('textbox', { name: 'Class name' }).fill('Policy check');
  await page.getByRole('button', { name: 'Create class' }).click();
  await expect(page).toHaveURL(/\/classroom\/[^/]+\/teach#.{16,}$/);
  const code = (await page.getByTestId('join-code').innerText()).replace(/\s/g, '');
  const learner = await context.newPage();
  await learner.goto('/join');
  await learner.getByRole('textbox', { name: 'Join code' }).fill(code.toLowerCase());
  await learner.getByRole('textbox', { name: 'Your name' }).fill('Csp');
  await learner.getByRole('button', { name: 'Join class' }).click();
  await expect(learner.getByText('Connected to the class')).toBeVisible();
  await expect(learner.locator('.monaco-editor').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Csp').first()).toBeVisible({ timeout: 30_000 });
  await shot(page, info, 'csp-class-teacher');
  await shot(learner, info, 'csp-class-learner');
  seen.push(...await csp.violations(page), ...await csp.violations(learner));

  expect(seen).toEqual([]);
  expect(csp.console).toEqual([]);
  await context.close();
});
