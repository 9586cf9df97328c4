// Flags the sandbox's classic builder understands, with our own short help.
// BuildKit-only flags (RUN --mount, COPY --chmod, COPY --link...) are left
// out on purpose: the engine here would reject them.
import type { LocalizedText } from './text';

export interface FlagDoc {
  instruction: string;
  name: string;          // without the leading --
  valueHint: string;     // what the value stands for, shown in the hover
  summary: LocalizedText;
}

export const FLAG_DOCS: readonly FlagDoc[] = [
  { instruction: 'FROM', name: 'platform', valueHint: '<os>/<arch>', summary: {
    en: 'Asks for the variant of the base image built for this platform.',
    zh: '选用基础镜像中为指定平台构建的版本。' } },
  { instruction: 'COPY', name: 'from', valueHint: '<stage>', summary: {
    en: 'Copies out of an earlier build stage (by name or index) or another image instead of the build context.',
    zh: '从前面的构建阶段（名字或序号）或另一个镜像中复制，而不是从构建上下文复制。' } },
  { instruction: 'COPY', name: 'chown', valueHint: '<user>:<group>', summary: {
    en: 'Gives the copied files this owner instead of root.',
    zh: '让复制进来的文件属于指定的用户和组，而不是 root。' } },
  { instruction: 'ADD', name: 'chown', valueHint: '<user>:<group>', summary: {
    en: 'Gives the added files this owner instead of root.',
    zh: '让添加进来的文件属于指定的用户和组，而不是 root。' } },
  { instruction: 'HEALTHCHECK', name: 'interval', valueHint: '<duration>', summary: {
    en: 'Time between two checks.',
    zh: '两次检查之间的间隔。' } },
  { instruction: 'HEALTHCHECK', name: 'timeout', valueHint: '<duration>', summary: {
    en: 'A check that takes longer than this counts as failed.',
    zh: '单次检查超过这个时间就算失败。' } },
  { instruction: 'HEALTHCHECK', name: 'start-period', valueHint: '<duration>', summary: {
    en: 'Grace time after start during which failures are not counted.',
    zh: '容器启动后的宽限期，其间的失败不计数。' } },
  { instruction: 'HEALTHCHECK', name: 'retries', valueHint: '<count>', summary: {
    en: 'Failures in a row before the container is marked unhealthy.',
    zh: '连续失败多少次后把容器标记为不健康。' } },
];

export function flagDocsFor(instruction: string): FlagDoc[] {
  const key = instruction.toUpperCase();
  return FLAG_DOCS.filter((f) => f.instruction === key);
}
