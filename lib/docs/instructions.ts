// Hover documentation for each Dockerfile instruction, in our own words and
// in line with what the lessons teach (one layer per RUN, WORKDIR over cd,
// COPY over ADD, ENV for versions...). `layer` says what the classic builder
// commits for the step, so the hover and the layer diagram tell one story.
import type { LocalizedText } from './text';

export type LayerEffect = 'filesystem' | 'metadata' | 'base';

export interface InstructionDoc {
  keyword: string;
  summary: LocalizedText;
  /** The lesson's advice for this instruction, when there is one. */
  tip?: LocalizedText;
  example: string;
  layer: LayerEffect;
}

const docs: InstructionDoc[] = [
  {
    keyword: 'FROM',
    summary: {
      en: 'Picks the image this build starts from. Every later instruction stacks its layer on top of that image\'s layers. A second FROM starts a new stage.',
      zh: '选定本次构建的起点镜像。之后每条指令产生的层都叠在这个镜像的层之上。再写一个 FROM 就开始一个新的构建阶段。',
    },
    tip: {
      en: 'Prefer an official base image with an explicit tag (debian:bookworm-slim, not just debian). Use `scratch` to start from an empty filesystem.',
      zh: '优先选用官方基础镜像，并写明标签（例如 debian:bookworm-slim，而不是只写 debian）。想从空白文件系统开始就用 `scratch`。',
    },
    example: 'FROM debian:bookworm-slim\n# or, with nothing underneath:\nFROM scratch',
    layer: 'base',
  },
  {
    keyword: 'RUN',
    summary: {
      en: 'Runs a command in a temporary container on top of the current image, then commits whatever it changed as a new read-only layer.',
      zh: '在当前镜像之上启动一个临时容器执行命令，再把它改动的文件提交成一个新的只读层。',
    },
    tip: {
      en: 'Each RUN adds a layer, so join related commands with `&&` and break long lines with `\\`. Files deleted in a later RUN still take space in the earlier layer: clean package caches in the same RUN that created them.',
      zh: '每个 RUN 都会多出一层，相关的命令用 `&&` 连在一起，长命令用 `\\` 换行。后面的 RUN 删掉的文件仍占着前一层的空间，所以软件包缓存要在产生它的同一个 RUN 里清理。',
    },
    example: 'RUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*',
    layer: 'filesystem',
  },
  {
    keyword: 'CMD',
    summary: {
      en: 'Sets the default command a container of this image runs when you start it without naming one. Only the last CMD of a stage counts; it adds no files.',
      zh: '设置容器启动时默认执行的命令（启动时没有另外指定命令的话）。一个阶段里只有最后一个 CMD 生效，它不增加任何文件。',
    },
    tip: {
      en: 'The JSON form runs the program directly as PID 1, so it receives stop signals; the plain form wraps it in `sh -c`.',
      zh: 'JSON 数组写法直接把程序作为 1 号进程运行，能收到停止信号；普通写法会套一层 `sh -c`。',
    },
    example: 'CMD ["python3", "-m", "http.server", "8000"]',
    layer: 'metadata',
  },
  {
    keyword: 'LABEL',
    summary: {
      en: 'Attaches key=value metadata to the image, such as its maintainer, version or description. It changes the image\'s configuration, not its files.',
      zh: '给镜像附加 key=value 形式的元数据，例如维护者、版本、说明。它改的是镜像配置，不是文件。',
    },
    tip: {
      en: 'Several labels fit in one LABEL instruction.',
      zh: '多个标签可以写在同一条 LABEL 里。',
    },
    example: 'LABEL maintainer="ada@example.org" \\\n      version="1.0" \\\n      description="A tiny web server"',
    layer: 'metadata',
  },
  {
    keyword: 'MAINTAINER',
    summary: {
      en: 'An old way to record who maintains the image. It still works but is deprecated.',
      zh: '记录镜像维护者的旧写法，仍然可用，但已经不推荐。',
    },
    tip: {
      en: 'Write LABEL maintainer="..." instead.',
      zh: '请改用 LABEL maintainer="..."。',
    },
    example: 'LABEL maintainer="ada@example.org"',
    layer: 'metadata',
  },
  {
    keyword: 'EXPOSE',
    summary: {
      en: 'Documents which ports the program inside listens on. It does not open or publish anything by itself; publishing happens when a container is run.',
      zh: '说明容器里的程序监听哪些端口。它本身并不会打开或发布端口，发布端口是在运行容器时决定的。',
    },
    example: 'EXPOSE 8000/tcp',
    layer: 'metadata',
  },
  {
    keyword: 'ENV',
    summary: {
      en: 'Sets an environment variable for the rest of the build and for every container started from the image. Later instructions can use it as ${NAME}.',
      zh: '设置环境变量，对之后的构建步骤和由该镜像启动的每个容器都有效。后面的指令可以用 ${NAME} 引用它。',
    },
    tip: {
      en: 'Keep a version number in one ENV and refer to it everywhere else: upgrading then means editing one line.',
      zh: '把版本号放进一个 ENV，其他地方都引用它：升级时只改一行，更好维护。',
    },
    example: 'ENV NODE_VERSION=20.11.1\nRUN echo "building with node ${NODE_VERSION}"',
    layer: 'metadata',
  },
  {
    keyword: 'ADD',
    summary: {
      en: 'Copies files into the image like COPY, with one extra: a local tar archive (.tar, .tar.gz, .tgz, .tar.xz...) is unpacked at the destination.',
      zh: '像 COPY 一样把文件放进镜像，多了一个功能：本地的 tar 压缩包（.tar、.tar.gz、.tgz、.tar.xz 等）会在目标位置自动解开。',
    },
    tip: {
      en: 'Use ADD only to unpack a local archive; use COPY for everything else. To fetch something from the web, use RUN with curl or wget (this sandbox refuses ADD from a URL).',
      zh: '只有要解开本地压缩包时才用 ADD，其余情况都用 COPY。要下载网络上的文件，请在 RUN 里用 curl 或 wget（本沙箱不允许 ADD 一个网址）。',
    },
    example: 'ADD rootfs.tar.gz /opt/app/',
    layer: 'filesystem',
  },
  {
    keyword: 'COPY',
    summary: {
      en: 'Copies files or folders from the build context (or from an earlier stage with --from) into the image, as a new layer. A relative destination is taken from the current WORKDIR.',
      zh: '把构建上下文里的文件或目录（或用 --from 从前面的阶段）复制进镜像，形成新的一层。相对的目标路径以当前 WORKDIR 为起点。',
    },
    tip: {
      en: 'COPY does exactly what it says and nothing more, which is why it is the default choice over ADD.',
      zh: 'COPY 只做复制这一件事，所以默认应该用它，而不是 ADD。',
    },
    example: 'WORKDIR /app\nCOPY hello.py ./',
    layer: 'filesystem',
  },
  {
    keyword: 'ENTRYPOINT',
    summary: {
      en: 'Fixes the program a container always runs. Arguments given when the container starts, or a CMD, are appended to it.',
      zh: '固定容器每次都要运行的程序。启动容器时给出的参数或 CMD 会接在它后面。',
    },
    tip: {
      en: 'Pair an ENTRYPOINT with a CMD that supplies default arguments.',
      zh: '常见搭配：ENTRYPOINT 指定程序，CMD 提供默认参数。',
    },
    example: 'ENTRYPOINT ["ping"]\nCMD ["-c", "3", "localhost"]',
    layer: 'metadata',
  },
  {
    keyword: 'VOLUME',
    summary: {
      en: 'Marks a path whose data should live outside the container\'s writable layer, in a volume. Changes made to that path by later build steps are thrown away.',
      zh: '标记一个路径，让它的数据存放在卷里，而不是容器的可写层。之后的构建步骤对该路径的修改都会被丢弃。',
    },
    example: 'VOLUME ["/var/lib/data"]',
    layer: 'metadata',
  },
  {
    keyword: 'USER',
    summary: {
      en: 'Chooses the user (and optionally group) that later RUN steps and the container\'s process run as. The user must already exist in the image.',
      zh: '指定之后的 RUN 步骤和容器进程以哪个用户（可选用户组）运行。该用户必须已经存在于镜像中。',
    },
    example: 'RUN useradd --create-home app\nUSER app',
    layer: 'metadata',
  },
  {
    keyword: 'WORKDIR',
    summary: {
      en: 'Sets the directory that later RUN, CMD, COPY and ADD work in, creating it if it is missing. A relative path is joined to the previous WORKDIR.',
      zh: '设置之后 RUN、CMD、COPY、ADD 所在的工作目录，目录不存在时会自动创建。相对路径会接在上一个 WORKDIR 后面。',
    },
    tip: {
      en: 'Use WORKDIR rather than `RUN cd ...`: a cd only lasts until the end of its own RUN. Absolute paths are easiest to read.',
      zh: '用 WORKDIR，不要用 `RUN cd ...`：cd 的效果在那条 RUN 结束时就消失了。尽量写绝对路径，一目了然。',
    },
    example: 'WORKDIR /srv\nWORKDIR site\n# now in /srv/site\nRUN pwd',
    layer: 'metadata',
  },
  {
    keyword: 'ARG',
    summary: {
      en: 'Declares a variable that can be set with --build-arg when building. It exists only while building, not in running containers.',
      zh: '声明一个构建参数，构建时可以用 --build-arg 赋值。它只在构建过程中存在，运行中的容器里没有它。',
    },
    tip: {
      en: 'An ARG written before the first FROM can be used in FROM lines; redeclare it after FROM to use it in the stage.',
      zh: '写在第一个 FROM 之前的 ARG 可以用在 FROM 行里；要在阶段内使用，需要在 FROM 之后再声明一次。',
    },
    example: 'ARG DEBIAN_TAG=bookworm-slim\nFROM debian:${DEBIAN_TAG}',
    layer: 'metadata',
  },
  {
    keyword: 'ONBUILD',
    summary: {
      en: 'Stores an instruction to run later, when another Dockerfile uses this image in its FROM. Nothing happens in this build.',
      zh: '保存一条"稍后执行"的指令：等别的 Dockerfile 以本镜像为 FROM 时才执行。本次构建中不会执行。',
    },
    example: 'ONBUILD COPY . /app/src',
    layer: 'metadata',
  },
  {
    keyword: 'STOPSIGNAL',
    summary: {
      en: 'Chooses the signal sent to the container\'s main process when it is asked to stop (SIGTERM unless you say otherwise).',
      zh: '指定停止容器时发给主进程的信号（默认是 SIGTERM）。',
    },
    example: 'STOPSIGNAL SIGQUIT',
    layer: 'metadata',
  },
  {
    keyword: 'HEALTHCHECK',
    summary: {
      en: 'Gives the engine a command to run now and then inside the container; its exit code marks the container healthy or unhealthy. HEALTHCHECK NONE turns off one inherited from the base image.',
      zh: '给引擎一个定期在容器内执行的命令，根据它的退出码把容器标记为健康或不健康。HEALTHCHECK NONE 可以关闭从基础镜像继承来的检查。',
    },
    example: 'HEALTHCHECK --interval=30s --timeout=3s \\\n  CMD wget -q -O /dev/null http://localhost:8000/ || exit 1',
    layer: 'metadata',
  },
  {
    keyword: 'SHELL',
    summary: {
      en: 'Replaces the shell that the plain (non-JSON) form of RUN, CMD and ENTRYPOINT is run with; the default on Linux is ["/bin/sh", "-c"].',
      zh: '更换 RUN、CMD、ENTRYPOINT 普通写法（非 JSON）所用的 shell；Linux 上默认是 ["/bin/sh", "-c"]。',
    },
    example: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
    layer: 'metadata',
  },
];

export const INSTRUCTION_DOCS: ReadonlyMap<string, InstructionDoc> = new Map(docs.map((d) => [d.keyword, d]));

export function instructionDoc(keyword: string): InstructionDoc | undefined {
  return INSTRUCTION_DOCS.get(keyword.toUpperCase());
}
