// GET /healthz: ok or not, to anyone (load balancers, start-up scripts);
// the whole report to the operator. GET /metrics: the report in Prometheus's
// format, to the operator only. sandbox-server/health/operator.ts says who
// the operator is.
import { Router } from 'express';
import { ApiFailure } from '../errors';
import { healthReport } from '../health/health-report';
import { metricsText } from '../health/metrics';
import { isOperator } from '../health/operator';
import type { Services } from './context';

export function healthRoutes(s: Services): Router {
  const r = Router();
  r.get('/healthz', async (req, res) => {
    const report = await healthReport(s);
    res.setHeader('Cache-Control', 'no-store');
    res.status(report.ok ? 200 : 503).json(isOperator(req, s.settings) ? report : { ok: report.ok });
  });
  r.get('/metrics', async (req, res) => {
    if (!isOperator(req, s.settings)) {
      throw new ApiFailure('forbidden', 'Metrics are for the operator: send Authorization: Bearer <LAYERLAB_OPERATOR_TOKEN>.');
    }
    const { contentType, body } = await metricsText(await healthReport(s));
    res.setHeader('Cache-Control', 'no-store');
    res.type(contentType).send(body);
  });
  return r;
}
