// Checks over commands run inside containers (exec) and what they printed.
import { z } from 'zod';
import { commandWords } from '../containers/command-line';
import { defineCheck } from './define';
import { imageById, imageByTag } from './find';
import type { CheckContext, ExecRecord } from './types';
import { missing, ok } from './types';

// A learner's typed `uname -r` reaches the engine as `sh -c 'uname -r'`.
const sameCmd = (ran: string[], asked: string[]) => {
  const a = commandWords(ran);
  return a.length === asked.length && a.every((x, i) => x === asked[i]);
};

function imageOfExec(ctx: CheckContext, e: ExecRecord): string | undefined {
  const c = ctx.world.containers.find((k) => k.id === e.containerId || k.id.startsWith(e.containerId));
  return c ? imageById(ctx.world, c.imageId)?.id ?? c.imageId : undefined;
}

export const execOutput = defineCheck({
  type: 'exec-output',
  params: z.object({
    cmd: z.array(z.string()).min(1),
    image: z.string().optional(),
    pattern: z.string().optional(),   // a regular expression the output must match
    exitCode: z.number().int().optional(),
    // The output is the container's own short id (what `hostname` prints in its uts namespace).
    equalsContainerId: z.boolean().optional(),
  }).strict(),
  run: (p, ctx) => {
    const image = p.image ? imageByTag(ctx.world, p.image) : undefined;
    if (p.image && !image) return missing(`No image tagged ${p.image} yet.`, `还没有标签为 ${p.image} 的镜像。`);
    const runs = (ctx.execs ?? []).filter((e) => sameCmd(e.cmd, p.cmd) && (!image || imageOfExec(ctx, e) === image.id));
    const where = p.image ? ` in a container of ${p.image}` : ' in a container';
    const whereZh = p.image ? `在基于 ${p.image} 的容器里` : '在容器里';
    const shown = p.cmd.join(' ');
    if (runs.length === 0) return missing(`Run \`${shown}\`${where}.`, `请${whereZh}运行 \`${shown}\`。`);
    const re = p.pattern ? new RegExp(p.pattern, 'm') : undefined;
    const ownId = (e: ExecRecord) => {
      const out = e.output.trim();
      return out.length >= 12 && e.containerId.startsWith(out);
    };
    const good = runs.some((e) => (p.exitCode === undefined || e.exitCode === p.exitCode) && (!re || re.test(e.output)) && (!p.equalsContainerId || ownId(e)));
    return good ? ok : missing(
      `\`${shown}\` ran${where}, but its output or exit code is not the expected one yet.`,
      `\`${shown}\` 已${whereZh}运行，但输出或退出码还不是预期的结果。`,
    );
  },
});

// The same command gives the same answer in containers of different images:
// for `uname -r` that is the one kernel they all share.
export const execSameAcrossImages = defineCheck({
  type: 'exec-same-across-images',
  params: z.object({ cmd: z.array(z.string()).min(1), images: z.number().int().min(2) }).strict(),
  run: (p, ctx) => {
    const byOutput = new Map<string, Set<string>>();
    for (const e of ctx.execs ?? []) {
      if (!sameCmd(e.cmd, p.cmd) || e.exitCode !== 0) continue;
      const image = imageOfExec(ctx, e);
      if (!image) continue;
      const key = e.output.trim();
      if (!byOutput.has(key)) byOutput.set(key, new Set());
      byOutput.get(key)!.add(image);
    }
    const best = Math.max(0, ...[...byOutput.values()].map((s) => s.size));
    const shown = p.cmd.join(' ');
    return best >= p.images ? ok : missing(
      `Run \`${shown}\` in containers of ${p.images} different images; so far ${best} agree.`,
      `请在 ${p.images} 个不同镜像的容器里运行 \`${shown}\`；目前有 ${best} 个结果一致。`,
    );
  },
});

// `uname -r` in a container against the host's own kernel release: equal
// under runc (the kernel is shared), different under gVisor, whose user-space
// kernel answers the container's system calls with its own version.
export const kernelComparedWithHost = defineCheck({
  type: 'kernel-compared-with-host',
  params: z.object({}).strict(),
  requires: 'host-kernel',
  run: (_p, ctx) => {
    const runs = (ctx.execs ?? []).filter((e) => sameCmd(e.cmd, ['uname', '-r']) && e.exitCode === 0);
    if (runs.length === 0) return missing('Run `uname -r` in a container.', '请在容器里运行 `uname -r`。');
    const host = ctx.engine?.kernelVersion?.trim();
    if (!host) return missing("The host's kernel version is not known yet.", '还不知道宿主机的内核版本。');
    const sandboxed = ctx.engine!.runtime === 'runsc';
    const good = runs.some((e) => (e.output.trim() === host) !== sandboxed);
    return good ? ok : missing(
      sandboxed
        ? `Under gVisor a container should not report the host's kernel (${host}); its \`uname -r\` answer has not been recorded yet.`
        : `Under runc a container reports the host's kernel (${host}); no recorded \`uname -r\` shows it yet.`,
      sandboxed
        ? `在 gVisor 下，容器报告的不应是宿主机内核（${host}）；还没有记录到这样的 \`uname -r\` 结果。`
        : `在 runc 下，容器报告的是宿主机内核（${host}）；还没有记录到这样的 \`uname -r\` 结果。`,
    );
  },
});
