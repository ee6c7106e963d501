// Docker HEALTHCHECK of a citybrain container: GET /healthz on the service's metrics port.
// The ports are the services' configuration keys (and their defaults); the simulator serves no HTTP.
const service = process.env.CITYBRAIN_SERVICE;
const ports = {
  processor: process.env.CITYBRAIN_PROCESSOR_METRICS_PORT ?? '9464',
  'alert-gateway': process.env.CITYBRAIN_GATEWAY_METRICS_PORT ?? '9465',
  board: process.env.CITYBRAIN_BOARD_METRICS_PORT ?? '9466',
};
const port = ports[service];
if (port === undefined) process.exit(0);
fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2500) }).then(
  (res) => process.exit(res.ok ? 0 : 1),
  () => process.exit(1),
);
