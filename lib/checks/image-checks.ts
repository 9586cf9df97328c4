// Checks over images and their layers (docker history).
import { z } from 'zod';
import { defineCheck } from './define';
import { dockerfileLayers, imageByTag, instructionOf, learnerLayers, shortId } from './find';
import { missing, ok } from './types';

const noImage = (tag: string) => missing(
  `No image tagged ${tag} yet: build (or commit) one with that tag.`,
  `还没有标签为 ${tag} 的镜像：请用这个标签构建（或提交）一个。`,
);

export const imageExists = defineCheck({
  type: 'image-exists',
  params: z.object({ tag: z.string() }).strict(),
  run: ({ tag }, { world }) => (imageByTag(world, tag) ? ok : noImage(tag)),
});

// Counts history entries the image's own Dockerfile added, optionally only
// those of one instruction, optionally only those that add files.
export const imageLayers = defineCheck({
  type: 'image-layers',
  params: z.object({
    tag: z.string(),
    count: z.number().int().min(0),
    instruction: z.string().optional(),
    nonEmptyOnly: z.boolean().optional(),
    scope: z.enum(['dockerfile', 'all']).optional(),
  }).strict(),
  run: (p, { world }) => {
    const image = imageByTag(world, p.tag);
    if (!image) return noImage(p.tag);
    if (!image.layers) return missing(`The history of ${p.tag} is not known yet.`, `${p.tag} 的历史还未获取到。`);
    let layers = p.scope === 'all' ? learnerLayers(image) : dockerfileLayers(world, image);
    if (p.instruction) layers = layers.filter((l) => instructionOf(l) === p.instruction!.toUpperCase());
    if (p.nonEmptyOnly) layers = layers.filter((l) => !l.empty);
    if (layers.length === p.count) return ok;
    const what = p.instruction ? `${p.instruction.toUpperCase()} ` : '';
    const whatZh = p.instruction ? `${p.instruction.toUpperCase()} ` : '';
    return missing(
      `${p.tag} has ${layers.length} ${what}layer(s)${p.nonEmptyOnly ? ' that add files' : ''}; the task wants exactly ${p.count}.`,
      `${p.tag} 现在有 ${layers.length} 个${whatZh}层${p.nonEmptyOnly ? '（只算添加文件的层）' : ''}，任务要求正好 ${p.count} 个。`,
    );
  },
});

// A history entry whose "created by" text contains a string, e.g. a LABEL key.
export const imageHistoryContains = defineCheck({
  type: 'image-history-contains',
  params: z.object({ tag: z.string(), instruction: z.string(), text: z.string() }).strict(),
  run: (p, { world }) => {
    const image = imageByTag(world, p.tag);
    if (!image) return noImage(p.tag);
    const hit = learnerLayers(image).some((l) => instructionOf(l) === p.instruction.toUpperCase() && l.createdBy.includes(p.text));
    return hit ? ok : missing(
      `${p.tag} has no ${p.instruction.toUpperCase()} step mentioning "${p.text}".`,
      `${p.tag} 中没有包含 "${p.text}" 的 ${p.instruction.toUpperCase()} 步骤。`,
    );
  },
});

// What the Dockerfile's own layers weigh together: deleting a file in a later
// layer does not make the image smaller.
export const imageAddedSize = defineCheck({
  type: 'image-added-size',
  params: z.object({ tag: z.string(), maxBytes: z.number().int().min(0).optional(), minBytes: z.number().int().min(0).optional() }).strict(),
  run: (p, { world }) => {
    const image = imageByTag(world, p.tag);
    if (!image) return noImage(p.tag);
    const added = dockerfileLayers(world, image).reduce((n, l) => n + l.sizeBytes, 0);
    const kb = (n: number) => `${Math.round(n / 1024)} KB`;
    if (p.maxBytes !== undefined && added > p.maxBytes) return missing(
      `The layers of ${p.tag} add ${kb(added)}; get it under ${kb(p.maxBytes)}.`,
      `${p.tag} 的层一共增加了 ${kb(added)}，需要小于 ${kb(p.maxBytes)}。`,
    );
    if (p.minBytes !== undefined && added < p.minBytes) return missing(
      `The layers of ${p.tag} add only ${kb(added)}; the task expects at least ${kb(p.minBytes)}.`,
      `${p.tag} 的层只增加了 ${kb(added)}，任务要求至少 ${kb(p.minBytes)}。`,
    );
    return ok;
  },
});

// An image made by `docker commit` from a container whose writable layer
// added the path: the layer that commit froze is exactly that diff.
export const imageFromCommit = defineCheck({
  type: 'image-from-commit',
  params: z.object({ tag: z.string(), adds: z.string() }).strict(),
  run: (p, { world }) => {
    const image = imageByTag(world, p.tag);
    if (!image) return noImage(p.tag);
    if (!image.committedFrom) return missing(
      `${p.tag} was not made by commit; commit a container with that tag.`,
      `${p.tag} 不是用 commit 生成的；请用这个标签提交一个容器。`,
    );
    const source = world.containers.find((c) => c.id.startsWith(image.committedFrom!) || image.committedFrom!.startsWith(c.id));
    // Without the source container's diff the added path cannot be proven.
    if (source?.diff?.some((d) => d.kind === 'A' && (d.path === p.adds || d.path.startsWith(`${p.adds}/`)))) return ok;
    return missing(
      `The container committed as ${p.tag} (${shortId(image.committedFrom)}) did not add ${p.adds} in its writable layer.`,
      `提交为 ${p.tag} 的容器（${shortId(image.committedFrom)}）的可写层里没有新增 ${p.adds}。`,
    );
  },
});
