// What a share holds and how a request becomes one. Everything is checked
// here, before the database sees it: shape with zod, then the caps, each
// failure naming the cap it broke so the sharer knows what to cut.
import { z } from 'zod';
import { ContextFile } from '../protocol';
import { checkContextPath } from '../context/validate';
import type { ShareLimits } from './limits';

// One context file: UTF-8 text, or binary as {base64}.
export type ShareFile = z.infer<typeof ContextFile>;

export const ShareCommand = z.array(z.string()).min(1);
export type ShareCommand = z.infer<typeof ShareCommand>;

export const ShareRequest = z.object({
  dockerfile: z.string(),
  files: z.record(z.string(), ContextFile).optional(),
  title: z.string().optional(),
  commands: z.array(ShareCommand).optional(),
  replay: z.boolean().optional(),
}).strict();
export type ShareRequest = z.infer<typeof ShareRequest>;

export interface ShareSnapshot {
  title: string;
  dockerfile: string;
  files: Record<string, ShareFile>;
  commands: ShareCommand[];
  replay: boolean;
}

export interface StoredShare extends ShareSnapshot { slug: string; createdAt: string }

export type ShareProblem = { status: 400 | 413; code: string; message: string };
export type ShareCheck = { ok: true; snapshot: ShareSnapshot; sizeBytes: number } | ({ ok: false } & ShareProblem);

const utf8 = new TextEncoder();
const bytesOf = (s: string) => utf8.encode(s).length;
const kib = (n: number) => (n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`);

function decodedBytes(file: ShareFile): number | null {
  if (typeof file === 'string') return bytesOf(file);
  const clean = file.base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return null;
  return Math.floor((clean.length * 3) / 4) - (clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0);
}

const tooLarge = (code: string, message: string): ShareCheck => ({ ok: false, status: 413, code, message });
const invalid = (message: string): ShareCheck => ({ ok: false, status: 400, code: 'invalid_share', message });

export function checkShareRequest(body: unknown, limits: ShareLimits): ShareCheck {
  const parsed = ShareRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join('.') : 'body';
    return invalid(`${where}: ${issue.message}. Send {"dockerfile": string, "files"?: {path: text}, "title"?: string, "commands"?: [[arg, ...]]}.`);
  }
  const req = parsed.data;
  if (req.dockerfile.trim() === '') return invalid('dockerfile: the Dockerfile is empty');
  const dockerfileBytes = bytesOf(req.dockerfile);
  if (dockerfileBytes > limits.maxDockerfileBytes) {
    return tooLarge('dockerfile_too_large', `The Dockerfile is ${dockerfileBytes} bytes; a share holds at most ${kib(limits.maxDockerfileBytes)}.`);
  }
  const title = (req.title ?? '').trim();
  if ([...title].length > limits.maxTitleChars) {
    return tooLarge('title_too_long', `The title is ${[...title].length} characters; the limit is ${limits.maxTitleChars}.`);
  }
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(title)) return invalid('title: control characters are not allowed');

  const names = Object.keys(req.files ?? {});
  if (names.length > limits.maxFiles) {
    return tooLarge('too_many_files', `The snapshot has ${names.length} context files; a share holds at most ${limits.maxFiles}.`);
  }
  const files: Record<string, ShareFile> = {};
  let total = dockerfileBytes + bytesOf(title);
  for (const name of names.sort()) {
    const checked = checkContextPath(name);
    if (!checked.ok) return invalid(`files: bad path ${JSON.stringify(name)}: ${checked.message}`);
    if (checked.path === 'Dockerfile') return invalid('files: "Dockerfile" is sent as the dockerfile field, not as a file');
    if (checked.path in files) return invalid(`files: path ${JSON.stringify(checked.path)} given twice`);
    const file = req.files![name];
    const size = decodedBytes(file);
    if (size === null) return invalid(`files: ${JSON.stringify(name)} is not valid base64`);
    if (size > limits.maxFileBytes) {
      return tooLarge('file_too_large', `The file ${JSON.stringify(checked.path)} is ${size} bytes; one file may be at most ${kib(limits.maxFileBytes)}.`);
    }
    total += size;
    files[checked.path] = file;
  }

  const commands = req.commands ?? [];
  if (commands.length > limits.maxCommands) {
    return tooLarge('too_many_commands', `The snapshot has ${commands.length} commands; a share replays at most ${limits.maxCommands}.`);
  }
  for (const [i, argv] of commands.entries()) {
    if (argv.length > limits.maxCommandArgs) {
      return tooLarge('command_too_long', `Command ${i + 1} has ${argv.length} arguments; the limit is ${limits.maxCommandArgs}.`);
    }
    const longest = Math.max(...argv.map((a) => a.length));
    if (longest > limits.maxArgChars) {
      return tooLarge('command_too_long', `Command ${i + 1} has an argument of ${longest} characters; the limit is ${limits.maxArgChars}.`);
    }
    total += argv.reduce((n, a) => n + bytesOf(a), 0);
  }
  if (total > limits.maxTotalBytes) {
    return tooLarge('share_too_large', `The snapshot is ${total} bytes in all; a share holds at most ${kib(limits.maxTotalBytes)}.`);
  }
  return { ok: true, snapshot: { title, dockerfile: req.dockerfile, files, commands, replay: req.replay ?? false }, sizeBytes: total };
}

// Rows come back from the database as JSON text: parse them with the same
// schemas, so a damaged row fails loudly instead of reaching the page.
export function snapshotFromRow(row: { slug: string; title: string; dockerfile: string; files: string; commands: string; replay: boolean; createdAt: Date }): StoredShare {
  return {
    slug: row.slug,
    title: row.title,
    dockerfile: row.dockerfile,
    files: z.record(z.string(), ContextFile).parse(JSON.parse(row.files)),
    commands: z.array(ShareCommand).parse(JSON.parse(row.commands)),
    replay: row.replay,
    createdAt: row.createdAt.toISOString(),
  };
}
