// The health report as Prometheus metrics (text exposition format, through
// prom-client). A fresh registry per scrape: every value is read when asked,
// nothing is kept between scrapes.
import { Gauge, Registry } from 'prom-client';
import type { HealthReport } from './health-report';

export async function metricsText(report: HealthReport): Promise<{ contentType: string; body: string }> {
  const registry = new Registry();
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name, help, labelNames, registers: [registry] });

  gauge('layerlab_up', '1 when the engine answers and both networks are firewalled, as /healthz\'s ok.').set(report.ok ? 1 : 0);
  if (report.engine) {
    gauge('layerlab_engine_info', 'The Docker Engine behind this sandbox (always 1).', ['version', 'runtime', 'kernel'])
      .set({ version: report.engine.version, runtime: report.engine.runtime, kernel: report.engine.kernelVersion ?? '' }, 1);
  }
  const networks = gauge('layerlab_network_policy_ok', '1 when the network\'s isolation rules are in force.', ['role', 'network', 'bridge']);
  for (const [role, n] of [['sandbox', report.network], ['build', report.buildNetwork]] as const) {
    if (n) networks.set({ role, network: n.name, bridge: n.bridge ?? '' }, n.ok ? 1 : 0);
  }
  if (report.disk) {
    gauge('layerlab_disk_quota', '1 when the kernel holds the per-session disk cap, 0 when only the server\'s measurements do.').set(report.disk.enforcement === 'quota' ? 1 : 0);
    if ('freeBytes' in report.disk && report.disk.freeBytes !== null) gauge('layerlab_disk_free_bytes', 'Free space of the engine\'s data root.').set(report.disk.freeBytes);
    if ('sizeBytes' in report.disk && report.disk.sizeBytes !== null) gauge('layerlab_disk_size_bytes', 'Size of the engine\'s data root\'s filesystem.').set(report.disk.sizeBytes);
  }
  gauge('layerlab_sessions_live', 'Live sessions on this host.').set(report.sessions);
  gauge('layerlab_sessions_capacity', 'Live sessions this host accepts (LAYERLAB_SESSIONS_PER_HOST).').set(report.sessionsCapacity);
  gauge('layerlab_builds_running', 'Builds running now (queued ones not counted).').set(report.builds);
  const caps = gauge('layerlab_capability', 'Optional parts of the sandbox that answer now.', ['name']);
  for (const name of report.capabilities) caps.set({ name }, 1);
  return { contentType: registry.contentType, body: await registry.metrics() };
}
