// Build arguments as the classic builder scopes them (moby builder/dockerfile
// buildargs.go, Engine 20.10): ARGs before the first FROM are "meta" args
// that FROM lines see; each stage starts with no allowed args and an ARG
// there re-declares one (taking the meta default when it has none of its
// own); a --build-arg only counts for a name an ARG declares, except the
// proxy variables, which are always allowed.

/** A value derived from something unknown (see shell-word's UnknownVariable). */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type ArgValue = string | undefined | typeof UNKNOWN;

const BUILTIN = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy'];

export class BuildArgs {
  private allowed = new Map<string, ArgValue>();
  private meta = new Map<string, ArgValue>();
  constructor(private readonly fromOptions: Record<string, string>) {}

  clone(): BuildArgs {
    const c = new BuildArgs(this.fromOptions);
    c.allowed = new Map(this.allowed);
    c.meta = new Map(this.meta);
    return c;
  }
  resetAllowed(): void { this.allowed = new Map(); }
  addArg(key: string, value: ArgValue): void { this.allowed.set(key, value); }
  addMetaArg(key: string, value: ArgValue): void { this.meta.set(key, value); }

  /** Every allowed arg with a value, as the engine hands them to expansion. */
  allAllowed(): Map<string, string | typeof UNKNOWN> { return this.all(this.allowed); }
  /** Every meta arg with a value: what FROM (and --platform) may use. */
  allMeta(): Map<string, string | typeof UNKNOWN> { return this.all(this.meta); }

  /** One allowed arg, as allAllowed() would give it, without building the map. */
  allowedValue(key: string): string | typeof UNKNOWN | undefined { return this.one(key, this.allowed); }
  /** One meta arg, as allMeta() would give it. */
  metaValue(key: string): string | typeof UNKNOWN | undefined { return this.one(key, this.meta); }

  private one(key: string, source: Map<string, ArgValue>): string | typeof UNKNOWN | undefined {
    return source.has(key) || BUILTIN.includes(key) ? this.value(key, source) : undefined;
  }

  private all(source: Map<string, ArgValue>): Map<string, string | typeof UNKNOWN> {
    const out = new Map<string, string | typeof UNKNOWN>();
    for (const key of new Set([...source.keys(), ...BUILTIN])) {
      const v = this.value(key, source);
      if (v !== undefined) out.set(key, v);
    }
    return out;
  }

  private value(key: string, source: Map<string, ArgValue>): string | typeof UNKNOWN | undefined {
    if (Object.prototype.hasOwnProperty.call(this.fromOptions, key)) return this.fromOptions[key];
    const declared = source.get(key);
    if (declared === undefined) return this.meta.get(key);
    return declared;
  }
}
