// Parser nodes turned into typed instructions with their flags, as the
// engine's instructions layer does (buildkit frontend/dockerfile/instructions,
// vendored in Engine 20.10): which flags each instruction takes, how many
// arguments, stage names, ARG pairs. Errors carry the engine's own text.
import type { DockerfileNode } from './parser';
import { goQuote } from './parser';
import { trimGoSpace } from './go-text';

export type Instruction =
  | { kind: 'from'; node: DockerfileNode; baseName: string; stageName: string; platform: string }
  | { kind: 'arg'; node: DockerfileNode; args: { key: string; value?: string }[] }
  | { kind: 'env' | 'label'; node: DockerfileNode; pairs: { key: string; value: string }[] }
  | { kind: 'add'; node: DockerfileNode; sources: string[]; dest: string; chown: string; chmod: string }
  | { kind: 'copy'; node: DockerfileNode; sources: string[]; dest: string; chown: string; chmod: string; from: string }
  | { kind: 'onbuild'; node: DockerfileNode; expression: string }
  | { kind: 'run'; node: DockerfileNode; flagsUsed: string[] }
  | { kind: 'workdir' | 'user' | 'stopsignal'; node: DockerfileNode; value: string }
  | { kind: 'volume' | 'expose'; node: DockerfileNode; values: string[] }
  | { kind: 'cmd' | 'entrypoint' | 'shell' | 'healthcheck' | 'maintainer'; node: DockerfileNode };

/** The engine prints this as the step's text (`Step N/M : <code>`). */
export const sourceCode = (node: DockerfileNode): string => trimGoSpace(node.original);

type FlagType = 'bool' | 'string' | 'strings';

// BFlags: --name=value flags declared per instruction, checked in order.
function parseFlags(given: string[], declared: Record<string, FlagType>): { values: Record<string, string>; used: string[] } {
  const values: Record<string, string> = {};
  const used: string[] = [];
  for (const raw of given) {
    if (!raw.startsWith('--')) throw new Error(`Arg should start with -- : ${raw}`);
    if (raw === '--') break;
    let name = raw.slice(2);
    let value = '';
    const eq = name.indexOf('=');
    if (eq >= 0) { value = name.slice(eq + 1); name = name.slice(0, eq); }
    const type = Object.prototype.hasOwnProperty.call(declared, name) ? declared[name] : undefined;
    if (!type) throw new Error(`Unknown flag: ${name}`);
    if (used.includes(name) && type !== 'strings') throw new Error(`Duplicate flag specified: ${name}`);
    if (!used.includes(name)) used.push(name);
    if (type === 'bool') {
      if (eq >= 0 && value === '') throw new Error(`Missing a value on flag: ${name}`);
      const lower = value.toLowerCase();
      if (lower !== '' && lower !== 'true' && lower !== 'false') throw new Error(`Expecting boolean value for flag ${name}, not: ${value}`);
      values[name] = lower === '' ? 'true' : lower;
    } else {
      if (eq < 0) throw new Error(`Missing a value on flag: ${name}`);
      values[name] = value;
    }
  }
  return { values, used };
}

const atLeastOne = (c: string) => new Error(`${c} requires at least one argument`);
const exactlyOne = (c: string) => new Error(`${c} requires exactly one argument`);
const noDest = (c: string) => new Error(`${c} requires at least two arguments, but only one was provided. Destination could not be determined`);

function pairs(args: string[], name: string): { key: string; value: string }[] {
  if (args.length === 0) throw atLeastOne(name);
  if (args.length % 2 !== 0) throw new Error(`Bad input to ${name}, too many arguments`);
  const out: { key: string; value: string }[] = [];
  for (let j = 0; j < args.length; j += 2) {
    if (args[j].length === 0) throw new Error(`${name} names can not be blank`);
    out.push({ key: args[j], value: args[j + 1] });
  }
  return out;
}

// Go's time.ParseDuration, for HEALTHCHECK's intervals.
function parseDuration(s: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  // One way only to split the digits (no nested ambiguity: linear time).
  const m = /^([-+]?)((?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+|0)$/.exec(s);
  if (!m) throw new Error(`time: invalid duration ${goQuote(s)}`);
  if (m[2] === '0') return 0;
  let total = 0;
  for (const part of m[2].matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(part[1]) * units[part[2]];
  return m[1] === '-' ? -total : total;
}

function interval(name: string, value: string | undefined): void {
  if (!value) return;
  if (parseDuration(value) < 1) throw new Error(`Interval ${goQuote(name)} cannot be less than 1ms`);
}

/** The typed instruction, or throws the engine's error (without the line prefix). */
export function toInstruction(node: DockerfileNode): Instruction {
  if (node.error) throw new Error(node.error);
  const { args } = node;
  const flags = (declared: Record<string, FlagType>) => parseFlags(node.flags, declared);
  switch (node.cmd) {
    case 'env': case 'label': {
      flags({});
      return { kind: node.cmd, node, pairs: pairs(args, node.cmd.toUpperCase()) };
    }
    case 'maintainer':
      if (args.length !== 1) throw exactlyOne('MAINTAINER');
      flags({});
      return { kind: 'maintainer', node };
    case 'add': case 'copy': {
      const name = node.cmd.toUpperCase();
      if (args.length < 2) throw noDest(name);
      const { values } = flags(node.cmd === 'add' ? { chown: 'string', chmod: 'string' } : { chown: 'string', from: 'string', chmod: 'string' });
      const base = { node, sources: args.slice(0, -1), dest: args[args.length - 1], chown: values.chown ?? '', chmod: values.chmod ?? '' };
      return node.cmd === 'add' ? { kind: 'add', ...base } : { kind: 'copy', ...base, from: values.from ?? '' };
    }
    case 'from': {
      let stageName = '';
      if (args.length === 3 && args[1].toLowerCase() === 'as') {
        stageName = args[2].toLowerCase();
        if (!/^[a-z][a-z0-9-_.]*$/.test(stageName)) throw new Error(`invalid name for build stage: ${goQuote(args[2])}, name can't start with a number or contain symbols`);
      } else if (args.length !== 1) {
        throw new Error('FROM requires either one or three arguments');
      }
      const { values } = flags({ platform: 'string' });
      return { kind: 'from', node, baseName: args[0], stageName, platform: values.platform ?? '' };
    }
    case 'onbuild': {
      if (args.length === 0) throw atLeastOne('ONBUILD');
      flags({});
      const trigger = trimGoSpace(args[0]).toUpperCase();
      if (trigger === 'ONBUILD') throw new Error("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      if (trigger === 'MAINTAINER' || trigger === 'FROM') throw new Error(`${trigger} isn't allowed as an ONBUILD trigger`);
      return { kind: 'onbuild', node, expression: node.original.replace(/^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*/i, '') };
    }
    case 'workdir': case 'user': {
      if (args.length !== 1) throw exactlyOne(node.cmd.toUpperCase());
      flags({});
      return { kind: node.cmd, node, value: args[0] };
    }
    case 'run': {
      // The engine declares --mount for RUN (the classic builder then refuses it).
      const { used } = flags({ mount: 'strings' });
      return { kind: 'run', node, flagsUsed: used };
    }
    case 'cmd': case 'entrypoint':
      flags({});
      return { kind: node.cmd, node };
    case 'healthcheck': {
      if (args.length === 0) throw atLeastOne('HEALTHCHECK');
      const type = args[0].toUpperCase();
      if (type === 'NONE') {
        if (args.length !== 1) throw new Error('HEALTHCHECK NONE takes no arguments');
        return { kind: 'healthcheck', node };
      }
      const { values } = flags({ interval: 'string', timeout: 'string', 'start-period': 'string', retries: 'string' });
      if (type !== 'CMD') throw new Error(`Unknown type ${goQuote(type)} in HEALTHCHECK (try CMD)`);
      if (args.length === 1) throw new Error('Missing command after HEALTHCHECK CMD');
      interval('interval', values.interval);
      interval('timeout', values.timeout);
      interval('start-period', values['start-period']);
      if (values.retries) {
        if (!/^[+-]?\d+$/.test(values.retries)) throw new Error(`strconv.ParseInt: parsing ${goQuote(values.retries)}: invalid syntax`);
        const n = Number(values.retries);
        if (n < 1) throw new Error(`--retries must be at least 1 (not ${n})`);
      }
      return { kind: 'healthcheck', node };
    }
    case 'expose':
      if (args.length === 0) throw atLeastOne('EXPOSE');
      flags({});
      return { kind: 'expose', node, values: args };
    case 'volume': {
      if (args.length === 0) throw atLeastOne('VOLUME');
      flags({});
      const values = args.map((v) => trimGoSpace(v));
      if (values.some((v) => v === '')) throw new Error('VOLUME specified can not be an empty string');
      return { kind: 'volume', node, values };
    }
    case 'stopsignal':
      if (args.length !== 1) throw exactlyOne('STOPSIGNAL');
      return { kind: 'stopsignal', node, value: args[0] };
    case 'arg': {
      if (args.length < 1) throw atLeastOne('ARG');
      return {
        kind: 'arg', node, args: args.map((a) => {
          const eq = a.indexOf('=');
          if (eq < 0) return { key: a };
          if (eq === 0) throw new Error('ARG names can not be blank');
          return { key: a.slice(0, eq), value: a.slice(eq + 1) };
        }),
      };
    }
    case 'shell': {
      flags({});
      if (args.length === 0) throw atLeastOne('SHELL');
      if (!node.json) throw new Error(`SHELL requires the arguments to be in JSON form`);
      return { kind: 'shell', node };
    }
  }
  throw new Error(`unknown instruction: ${node.cmd.toUpperCase()}`);
}
