// A class in three browsers against the production web (server.ts), the real
// sandbox server and engine: an instructor creates a class, two learners join
// (one with a hostile name), both build for real, one breaks a line; the
// dashboard shows both results, follow shows the broken Dockerfile, a
// broadcast reaches both, and a learner's token does not open the dashboard.
import { test, expect, type Browser, type Page, type TestInfo } from '@playwright/test';
import { setDockerfile } from './support/editor';
import fs from 'node:fs';
import path from 'node:path';
import { STARTER_DOCKERFILE, STARTER_FILES } from '../components/playground/starter';

const SANDBOX_URL = `http://localhost:${process.env.LAYERLAB_SANDBOX_PORT ?? 4300}`;

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const BROKEN_LINE = 4;
const BROKEN = [
  '# A tiny web site, built one layer at a time.',
  'FROM busybox:1.35',
  'WORKDIR /site',
  'RUN mkdir -p logs && no-such-command',
  'COPY index.html .',
  'CMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/site"]',
  '',
].join('\n');

test.use({
  ...(process.env.LAYERLAB_WEB_URL ? { baseURL: process.env.LAYERLAB_WEB_URL } : {}),
  viewport: { width: 1440, height: 900 },
});

async function shot(page: Page, info: TestInfo, name: string, fullPage = false) {
  const file = info.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage });
  await info.attach(name, { path: file, contentType: 'image/png' });
  const dir = process.env.LAYERLAB_SHOTS_DIR;
  if (dir) { fs.mkdirSync(dir, { recursive: true }); fs.copyFileSync(file, path.join(dir, `${name}.png`)); }
}

async function newPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const ctx = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  return ctx.newPage();
}

async function join(page: Page, code: string, name: string) {
  await page.goto('/join');
  await page.getByRole('textbox', { name: 'Join code' }).fill(code.toLowerCase());
  await page.getByRole('textbox', { name: 'Your name' }).fill(name);
  await page.getByRole('button', { name: 'Join class' }).click();
  await expect(page).toHaveURL(/\/classroom\/[^/]+\/learn$/);
  await expect(page.getByText('Connected to the class')).toBeVisible();
  await expect(page.getByText('Sandbox ready')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 60_000 });
}

test('an instructor runs a class of two learners', async ({ browser, baseURL }, info) => {
  const teacher = await newPage(browser, baseURL);
  await teacher.goto('/classroom');
  await teacher.getByRole('textbox', { name: 'Class name' }).fill('Docker basics · Room 4');
  await shot(teacher, info, 'class-01-create');
  await teacher.getByRole('button', { name: 'Create class' }).click();
  await expect(teacher).toHaveURL(/\/classroom\/[^/]+\/teach#.{16,}$/);
  const teachUrl = teacher.url();
  const code = (await teacher.getByTestId('join-code').innerText()).replace(/\s/g, '');
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  await expect(teacher.getByText('No one has joined yet')).toBeVisible();

  const ann = await newPage(browser, baseURL);
  const bob = await newPage(browser, baseURL);
  await join(ann, code, 'Ann');
  await join(bob, code, HOSTILE);

  const roster = teacher.getByRole('table', { name: 'Learners' });
  const annRow = roster.getByRole('row').filter({ has: teacher.getByRole('rowheader', { name: 'Ann', exact: true }) });
  const bobRow = roster.getByRole('row').filter({ has: teacher.getByRole('rowheader', { name: HOSTILE, exact: true }) });
  await expect(annRow).toContainText('Online');
  await expect(bobRow).toContainText('Online');
  await expect(bobRow).toContainText('No build yet');
  // The hostile name is text: no element was made from it and nothing ran.
  expect(await roster.locator('img').count()).toBe(0);
  expect(await teacher.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  // The dashboard had the sandbox build the class's starter as it opened:
  // asked again, the sandbox answers that it is already built.
  await expect.poll(async () => (await (await fetch(`${SANDBOX_URL}/v1/starters`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dockerfile: STARTER_DOCKERFILE, files: STARTER_FILES }),
  })).json()).built, { timeout: 60_000 }).toBe(false);
  // The learner pages' own asks joined that build; give their answer a moment to land.
  await ann.waitForTimeout(500);

  // Ann builds the class starter; Bob breaks line 4 and builds.
  await ann.getByRole('button', { name: 'Build', exact: true }).click();
  await setDockerfile(bob, BROKEN);
  await bob.getByRole('button', { name: 'Build', exact: true }).click();

  await expect(ann.getByText(/Built [0-9a-f]{12} · \d+ layers/)).toBeVisible({ timeout: 120_000 });
  await expect(annRow).toContainText('Built OK', { timeout: 2_000 });
  const annLayers = Number((await ann.getByText(/Built [0-9a-f]{12} · \d+ layers/).innerText()).match(/(\d+) layers/)![1]);
  expect(annLayers).toBeGreaterThan(1);
  await expect(annRow.getByRole('cell').nth(3)).toHaveText(String(annLayers));
  // Her first build reused the starter's steps, never a classmate's.
  await expect(ann.getByLabel('Build log')).toContainText('Using cache');
  await expect(ann.getByText(/built the class starter when the class opened/)).toBeVisible();

  await expect(bob.getByText(`Last build failed at line ${BROKEN_LINE}`)).toBeVisible({ timeout: 120_000 });
  await expect(bobRow).toContainText(`Failed at line ${BROKEN_LINE}`, { timeout: 2_000 });
  await expect(bobRow).toContainText('no-such-command');
  await shot(ann, info, 'class-02-learner-built');
  await shot(bob, info, 'class-03-learner-failed');

  // Follow Bob: his Dockerfile, read-only, with the failing line marked.
  await bobRow.getByRole('button', { name: 'Follow' }).click();
  const follow = teacher.getByTestId('follow-panel');
  await expect(follow.getByTestId('dockerfile-view')).toContainText('RUN mkdir -p logs && no-such-command');
  await expect(follow).toContainText(`Build failed at line ${BROKEN_LINE}`);
  // Live: Bob's next keystrokes show up while followed.
  await setDockerfile(bob, BROKEN.replace('no-such-command', 'echo fixed'));
  await expect(follow.getByTestId('dockerfile-view')).toContainText('echo fixed', { timeout: 3_000 });

  // A broadcast reaches both learners.
  await teacher.getByRole('textbox', { name: 'Message to everyone' }).fill('Look at line 4 with me');
  await teacher.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(ann.getByTestId('latest-message')).toContainText('Look at line 4 with me', { timeout: 2_000 });
  await expect(bob.getByTestId('latest-message')).toContainText('Look at line 4 with me', { timeout: 2_000 });
  await shot(teacher, info, 'class-04-dashboard', true);
  await shot(ann, info, 'class-05-learner-broadcast');

  // Spotlight Ann on the projector view.
  await annRow.getByRole('button', { name: 'Spotlight' }).click();
  const projector = await teacher.context().newPage();
  await projector.goto(teachUrl.replace('/teach#', '/spotlight#'));
  await expect(projector.getByTestId('projector')).toContainText("Ann's Dockerfile");
  await shot(projector, info, 'class-06-projector');

  // A learner's token does not open the dashboard or the projector.
  const member = await bob.evaluate(() => {
    const k = Object.keys(localStorage).find((x) => x.startsWith('layerlab.class.'))!;
    return JSON.parse(localStorage.getItem(k)!) as { classroomId: string; token: string };
  });
  const intruder = await bob.context().newPage();
  await intruder.goto(`/classroom/${member.classroomId}/teach#${member.token}`);
  await expect(intruder.getByRole('heading', { name: 'This link does not open a class' })).toBeVisible();
  await intruder.goto(`/classroom/${member.classroomId}/spotlight#${member.token}`);
  await expect(intruder.getByText('This link does not open a class.')).toBeVisible();
  await intruder.close();

  // A reload brings Bob back as the same member with his work.
  await bob.reload();
  await expect(bob.getByText('Connected to the class')).toBeVisible();
  await expect(bob.locator('.monaco-editor').first()).toContainText('echo fixed', { timeout: 60_000 });
  await expect(roster.getByRole('row')).toHaveCount(3); // header + 2 learners
  await expect(bobRow).toContainText('Online');
});

// A socket of our own, as a script would open one, beside the browsers;
// `from` is another loopback address (127.0.0.2 and up) to connect from, as
// another machine would.
async function rawAsk(baseURL: string, event: string, payload: unknown, opts: { auth?: Record<string, unknown>; from?: string } = {}) {
  const { io } = await import('socket.io-client');
  const s = io(baseURL.replace('localhost', '127.0.0.1'), {
    path: '/classroom-io', auth: opts.auth, transports: ['websocket'], ...(opts.from ? { localAddress: opts.from } : {}),
  } as Parameters<typeof io>[1]);
  try {
    return (await s.timeout(10_000).emitWithAck(event, payload)) as { ok: boolean; code?: string; error?: { code: string; message: string } };
  } finally {
    s.close();
  }
}

test('a lesson class: progress on the dashboard, a lock the server enforces, a full class', async ({ browser, baseURL }, info) => {
  const teacher = await newPage(browser, baseURL);
  await teacher.goto('/classroom');
  await teacher.getByRole('textbox', { name: 'Class name' }).fill('Lesson 7 · Room 2');
  await teacher.getByRole('radio', { name: 'A lesson' }).check();
  await teacher.getByRole('combobox', { name: 'Lesson' }).selectOption('docker-build');
  await teacher.getByRole('button', { name: 'Create class' }).click();
  await expect(teacher).toHaveURL(/\/classroom\/[^/]+\/teach#.{16,}$/);
  const code = (await teacher.getByTestId('join-code').innerText()).replace(/\s/g, '');
  // The lesson by its title (not its slug), linked to the lesson.
  await expect(teacher.getByRole('link', { name: 'docker build', exact: true })).toHaveAttribute('href', '/lessons/docker-build');

  const cy = await newPage(browser, baseURL);
  await join(cy, code, 'Cy');
  const roster = teacher.getByRole('table', { name: 'Learners' });
  const row = roster.getByRole('row').filter({ has: teacher.getByRole('rowheader', { name: 'Cy', exact: true }) });
  const lessonCell = row.getByRole('cell').nth(1);
  await expect(lessonCell).toHaveText('0/3 checks');

  // The lesson, open in another tab of Cy's browser, saves progress there:
  // step 2 of 2 open, one of the three checks passed.
  const lessonTab = await cy.context().newPage();
  await lessonTab.goto('/lessons');
  await lessonTab.evaluate(() => {
    const learner = localStorage.getItem('layerlab-learner')!;
    const progress = { passed: ['loop/four-layers'], read: ['loop', 'cache'], hintsShown: {}, solutionsSeen: [], currentStep: 'cache', updatedAt: new Date().toISOString() };
    localStorage.setItem(`layerlab-progress:${learner}`, JSON.stringify({ 'docker-build': progress }));
  });
  await expect(lessonCell).toHaveText('Step 2/2 · 1/3 checks', { timeout: 5_000 });
  await lessonTab.close();

  // Lock: Cy's editor and Build stop, and the server itself refuses an edit
  // sent past the page with Cy's own credentials.
  await teacher.getByRole('button', { name: 'Lock editing' }).click();
  await expect(cy.getByTestId('locked-notice')).toBeVisible({ timeout: 5_000 });
  await expect(cy.getByRole('button', { name: 'Build', exact: true })).toBeDisabled();
  await shot(cy, info, 'class-07-learner-locked');
  const member = await cy.evaluate(() => {
    const k = Object.keys(localStorage).find((x) => x.startsWith('layerlab.class.'))!;
    return JSON.parse(localStorage.getItem(k)!) as { classroomId: string; memberId: string; token: string };
  });
  const auth = { role: 'learner', classroomId: member.classroomId, memberId: member.memberId, token: member.token };
  const forged = await rawAsk(baseURL!, 'learn:report', { dockerfile: 'FROM busybox:1.35\nRUN echo sneaky\n' }, { auth });
  expect(forged).toMatchObject({ ok: false, error: { code: 'locked' } });
  await row.getByRole('button', { name: 'Follow' }).click();
  await expect(teacher.getByTestId('follow-panel').getByTestId('dockerfile-view')).not.toContainText('sneaky');
  await shot(teacher, info, 'class-08-dashboard-lesson-locked', true);
  await teacher.getByRole('button', { name: 'Unlock editing' }).click();
  await expect(cy.getByTestId('locked-notice')).toBeHidden({ timeout: 5_000 });
  await expect(cy.getByRole('button', { name: 'Build', exact: true })).toBeEnabled();

  // A script fills the class, each try from another machine: every seat is
  // taken, and the next learner is told the class is full (refusals are
  // charged to the addresses that made them, never to the code).
  const tries = await Promise.all(Array.from({ length: 60 }, (_, i) =>
    rawAsk(baseURL!, 'classroom:join', { code, displayName: `Bot ${i}` }, { from: `127.0.4.${i + 1}` })));
  expect(tries.filter((t) => t.ok)).toHaveLength(29);
  expect(tries.filter((t) => !t.ok).map((t) => t.error?.code)).toEqual(Array(31).fill('full'));
  await expect(teacher.getByTestId('class-full')).toHaveText('Class full');
  const late = await newPage(browser, baseURL);
  await late.goto('/join');
  await late.getByRole('textbox', { name: 'Join code' }).fill(code);
  await late.getByRole('textbox', { name: 'Your name' }).fill('Dee');
  await late.getByRole('button', { name: 'Join class' }).click();
  await expect(late.locator('form').getByRole('alert')).toHaveText('This class is full (30 learners). Ask your instructor to open another one.');
  await shot(late, info, 'class-09-join-full');
});

// A classmate with the code on the projector: a look-alike name is refused,
// the instructor removes a member with the row's own button (their page
// says so, and a reload does not bring them back), closes joins and makes
// a new code that shuts the old one out.
test('an instructor removes a member, closes joins and changes the code', async ({ browser, baseURL }, info) => {
  const teacher = await newPage(browser, baseURL);
  await teacher.goto('/classroom');
  await teacher.getByRole('textbox', { name: 'Class name' }).fill('Room 9');
  await teacher.getByRole('button', { name: 'Create class' }).click();
  await expect(teacher).toHaveURL(/\/classroom\/[^/]+\/teach#.{16,}$/);
  const code = (await teacher.getByTestId('join-code').innerText()).replace(/\s/g, '');

  const alice = await newPage(browser, baseURL);
  await join(alice, code, 'Alice');
  const copycat = await newPage(browser, baseURL);
  await copycat.goto('/join');
  await copycat.getByRole('textbox', { name: 'Join code' }).fill(code);
  await copycat.getByRole('textbox', { name: 'Your name' }).fill('\u0410li\u200bce'); // Cyrillic А, a zero-width space
  await copycat.getByRole('button', { name: 'Join class' }).click();
  await expect(copycat.locator('form').getByRole('alert')).toHaveText('Someone in this class already uses that name. Add an initial or a number.');

  const mallory = await newPage(browser, baseURL);
  await join(mallory, code, 'Mallory');
  await expect(teacher.getByTestId('last-joined')).toHaveText(/^Last joined: Mallory, just now$/);
  const roster = teacher.getByRole('table', { name: 'Learners' });
  await expect(roster.getByRole('row')).toHaveCount(3);
  await shot(teacher, info, 'class-10-dashboard-moderation', true);

  teacher.once('dialog', (d) => { expect(d.message()).toContain('Remove Mallory from the class?'); void d.accept(); });
  await roster.getByRole('button', { name: 'Remove Mallory' }).click();
  await expect(mallory.getByRole('heading', { name: 'You were removed from this class' })).toBeVisible({ timeout: 5_000 });
  await expect(teacher.getByRole('status').filter({ hasText: 'Mallory was removed from the class.' })).toBeVisible();
  await expect(roster.getByRole('row')).toHaveCount(2);
  await expect(roster.getByRole('rowheader', { name: 'Mallory' })).toHaveCount(0);
  await shot(mallory, info, 'class-11-learner-removed');
  await mallory.reload();
  await expect(mallory.getByRole('heading', { name: 'You were removed from this class' })).toBeVisible({ timeout: 10_000 });
  expect(await rawAsk(baseURL!, 'classroom:join', { code, displayName: 'mallory' }, { from: '127.0.5.1' })).toMatchObject({ ok: false, error: { code: 'removed' } });

  await teacher.getByRole('button', { name: 'Close joins' }).click();
  await expect(teacher.getByText('Joins closed', { exact: true })).toBeVisible();
  expect(await rawAsk(baseURL!, 'classroom:join', { code, displayName: 'Newcomer' }, { from: '127.0.5.2' })).toMatchObject({ ok: false, error: { code: 'joins-locked' } });
  await teacher.getByRole('button', { name: 'Open joins' }).click();
  await expect(teacher.getByText('Joins closed', { exact: true })).toBeHidden();

  teacher.once('dialog', (d) => void d.accept());
  await teacher.getByRole('button', { name: 'New join code' }).click();
  await expect(teacher.getByTestId('join-code')).not.toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`);
  const fresh = (await teacher.getByTestId('join-code').innerText()).replace(/\s/g, '');
  expect(await rawAsk(baseURL!, 'classroom:join', { code, displayName: 'Newcomer' }, { from: '127.0.5.3' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  expect(await rawAsk(baseURL!, 'classroom:join', { code: fresh, displayName: 'Newcomer' }, { from: '127.0.5.3' })).toMatchObject({ ok: true });
  // Alice, already in, stays connected.
  await expect(alice.getByText('Connected to the class')).toBeVisible();
  await expect(roster.getByRole('row')).toHaveCount(3);
  await shot(teacher, info, 'class-12-dashboard-new-code', true);
});

// The same pages in Chinese, chosen by the cookie the language switch sets:
// server-rendered headings, client components, and a refusal the classroom
// server words in the language of the page that asked.
test('a class in Chinese: create, join, the dashboard row and the learner page', async ({ browser, baseURL }, info) => {
  const zhPage = async () => {
    const ctx = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
    await ctx.addCookies([{ name: 'layerlab-locale', value: 'zh', url: baseURL! }]);
    return ctx.newPage();
  };
  const teacher = await zhPage();
  await teacher.goto('/classroom');
  await expect(teacher.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(teacher.getByRole('heading', { level: 1 })).toHaveText('开设课堂');
  await expect(teacher.getByRole('radio', { name: '练习场里的一个初始 Dockerfile' })).toBeChecked();
  await teacher.getByRole('textbox', { name: '课堂名称' }).fill('Docker 入门 · 三班');
  await shot(teacher, info, 'class-zh-01-create');
  await teacher.getByRole('button', { name: '创建课堂' }).click();
  await expect(teacher).toHaveURL(/\/classroom\/[^/]+\/teach#.{16,}$/);
  const code = (await teacher.getByTestId('join-code').innerText()).replace(/\s/g, '');
  await expect(teacher.getByText('还没有人加入。')).toBeVisible();
  await expect(teacher.getByText('已加入 0/30')).toBeVisible();

  const learner = await zhPage();
  await learner.goto('/join');
  await expect(learner.getByRole('heading', { level: 1 })).toHaveText('加入课堂');
  await learner.getByRole('textbox', { name: '加入码' }).fill('ZZZZZZ');
  await learner.getByRole('textbox', { name: '你的名字' }).fill('小明');
  await learner.getByRole('button', { name: '加入课堂' }).click();
  await expect(learner.locator('form').getByRole('alert')).toHaveText('没有课堂使用这个加入码。请向老师核对。');
  await learner.getByRole('textbox', { name: '加入码' }).fill(code.toLowerCase());
  await learner.getByRole('button', { name: '加入课堂' }).click();
  await expect(learner).toHaveURL(/\/classroom\/[^/]+\/learn$/);
  await expect(learner.getByText('已连上课堂')).toBeVisible();
  await expect(learner.getByText('沙箱已就绪')).toBeVisible({ timeout: 60_000 });
  await expect(learner.getByRole('region', { name: '你的镜像' })).toContainText('尚未构建');

  const roster = teacher.getByRole('table', { name: '学员' });
  await expect(roster.getByRole('columnheader', { name: '最近构建' })).toBeVisible();
  const row = roster.getByRole('row').filter({ has: teacher.getByRole('rowheader', { name: '小明', exact: true }) });
  await expect(row).toContainText('在线');
  await expect(row).toContainText('尚未构建');
  await expect(row.getByRole('button', { name: '查看', exact: true })).toBeVisible();

  await learner.getByRole('button', { name: '构建', exact: true }).click();
  await expect(learner.getByText(/^已构建 [0-9a-f]{12} · \d+ 层$/)).toBeVisible({ timeout: 120_000 });
  await expect(row).toContainText('构建成功', { timeout: 5_000 });
  await row.getByRole('button', { name: '查看', exact: true }).click();
  await expect(teacher.getByTestId('follow-panel')).toContainText('正在查看 小明');
  await shot(teacher, info, 'class-zh-02-dashboard', true);
  await shot(learner, info, 'class-zh-03-learner');
});
