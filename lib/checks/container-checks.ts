// Checks over containers: their state, their writable layer, their removal.
import { z } from 'zod';
import { ContainerState } from '../protocol';
import type { Container, WorldSnapshot } from '../protocol';
import { defineCheck } from './define';
import { imageById, imageByTag } from './find';
import { missing, ok } from './types';

const Selector = z.object({ image: z.string().optional(), cmdIncludes: z.string().optional() }).strict();
type Selector = z.infer<typeof Selector>;

function matching(world: WorldSnapshot, sel: Selector): Container[] {
  const image = sel.image ? imageByTag(world, sel.image) : undefined;
  if (sel.image && !image) return [];
  return world.containers.filter((c) =>
    (!image || c.imageId.replace(/^sha256:/, '') === image.id.replace(/^sha256:/, '')) &&
    (!sel.cmdIncludes || c.cmd.join(' ').includes(sel.cmdIncludes)));
}

function describe(sel: Selector): { en: string; zh: string } {
  const en = [sel.image && `from ${sel.image}`, sel.cmdIncludes && `running "${sel.cmdIncludes}"`].filter(Boolean).join(' ');
  const zh = [sel.image && `基于 ${sel.image}`, sel.cmdIncludes && `命令包含 "${sel.cmdIncludes}"`].filter(Boolean).join('、');
  return { en: en ? `a container ${en}` : 'a container', zh: zh ? `一个${zh}的容器` : '一个容器' };
}

const stateZh: Record<string, string> = { created: '已创建（未启动）', running: '运行中', exited: '已退出', paused: '已暂停' };

export const containerState = defineCheck({
  type: 'container-state',
  params: Selector.extend({ state: ContainerState, exitCode: z.number().int().optional(), count: z.number().int().min(1).optional() }).strict(),
  run: (p, { world }) => {
    const found = matching(world, p).filter((c) => c.state === p.state && (p.exitCode === undefined || c.exitCode === p.exitCode));
    const need = p.count ?? 1;
    if (found.length >= need) return ok;
    const d = describe(p);
    const code = p.exitCode !== undefined ? ` with exit code ${p.exitCode}` : '';
    const codeZh = p.exitCode !== undefined ? `，退出码为 ${p.exitCode}` : '';
    return missing(
      `Need ${need > 1 ? `${need} containers` : d.en} in state "${p.state}"${code}; found ${found.length}.`,
      `需要${need > 1 ? ` ${need} 个容器` : d.zh}处于“${stateZh[p.state] ?? p.state}”状态${codeZh}，现在有 ${found.length} 个。`,
    );
  },
});

// The writable layer, as docker diff reports it: A added, C changed (the file
// was copied up), D deleted (a whiteout hides the lower file).
export const containerDiff = defineCheck({
  type: 'container-diff',
  params: Selector.extend({ path: z.string().startsWith('/'), kind: z.enum(['A', 'C', 'D']) }).strict(),
  run: (p, { world }) => {
    const hit = matching(world, p).some((c) => c.diff?.some((d) => d.path === p.path && d.kind === p.kind));
    if (hit) return ok;
    const kindEn = { A: 'added', C: 'changed', D: 'deleted' }[p.kind];
    const kindZh = { A: '新增', C: '修改', D: '删除' }[p.kind];
    const d = describe(p);
    return missing(
      `The writable layer of ${d.en} does not show ${p.path} as ${kindEn} (${p.kind}) yet.`,
      `${d.zh}的可写层里还没有显示 ${p.path} 被${kindZh}（${p.kind}）。`,
    );
  },
});

export const containerOomKilled = defineCheck({
  type: 'container-oom-killed',
  params: Selector,
  run: (p, { world }) => {
    if (matching(world, p).some((c) => c.oomKilled === true)) return ok;
    const d = describe(p);
    return missing(
      `No ${d.en.replace(/^a /, '')} has been stopped by the memory limit (OOM killed) yet.`,
      `还没有${d.zh.replace(/^一个/, '')}因超出内存限制被杀死（OOM killed）。`,
    );
  },
});

// A container of this image was removed, and the image is still there.
export const containerRemovedImageKept = defineCheck({
  type: 'container-removed-image-kept',
  params: z.object({ image: z.string() }).strict(),
  run: (p, { world, removed }) => {
    const image = imageByTag(world, p.image);
    if (!image) return missing(`The image ${p.image} is gone; it should have stayed.`, `镜像 ${p.image} 不见了；它应该保留下来。`);
    const gone = (removed ?? []).some((r) => imageById(world, r.imageId)?.id === image.id);
    return gone ? ok : missing(
      `No container of ${p.image} has been removed yet.`,
      `还没有删除过基于 ${p.image} 的容器。`,
    );
  },
});
