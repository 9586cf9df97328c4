// A container's output as `docker logs -f` shows it, relayed with the same cap
// as build output. The engine keeps the log (json-file, max-size in the
// HostConfig); the server keeps no copy.
import type { ContainerLogEvent } from '../../lib/protocol';
import type { Settings } from '../../lib/settings';
import type { Engine } from '../engine/engine';
import { fromEngineError } from '../errors';
import type { SessionScope } from '../sessions/scope';
import type { SessionRecord } from '../sessions/session-store';

export interface LogRequest { follow: boolean; since?: number }

export class ContainerLogs {
  constructor(private readonly engine: Engine, private readonly scope: SessionScope, private readonly settings: Settings) {}

  // Resolved first, so a refusal is an HTTP answer, not a broken stream.
  async open(session: SessionRecord, ref: string, request: LogRequest, signal: AbortSignal): Promise<AsyncIterable<ContainerLogEvent>> {
    const d = await this.scope.resolveContainer(session.id, ref);
    return this.relay(d.Id, request, signal);
  }

  private async *relay(id: string, request: LogRequest, signal: AbortSignal): AsyncIterable<ContainerLogEvent> {
    let left = this.settings.outputCapBytes;
    let truncated = false;
    const cut = new AbortController();
    signal.addEventListener('abort', () => cut.abort(), { once: true });
    try {
      for await (const chunk of this.engine.containerLogs(id, request, cut.signal)) {
        const bytes = Buffer.byteLength(chunk.text);
        if (bytes > left) {
          const text = Buffer.from(chunk.text).subarray(0, left).toString('utf8').replace(/\uFFFD$/, '');
          if (text) yield { type: 'output', stream: chunk.stream, text };
          truncated = true;
          cut.abort();
          break;
        }
        left -= bytes;
        yield { type: 'output', ...chunk };
      }
    } catch (err) {
      if (!cut.signal.aborted) throw fromEngineError(err, 'logs');
    }
    if (signal.aborted) return;
    const state = await this.engine.inspectContainer(id).then((d) => d.State, () => undefined);
    yield {
      type: 'end', state: state?.Status ?? 'removed', exitCode: state && !state.Running ? state.ExitCode ?? null : null,
      oomKilled: Boolean(state?.OOMKilled), truncated,
    };
  }
}
