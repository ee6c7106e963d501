// The CLI's errors are the gateway client's: one class hierarchy, so `main` maps every failure to
// its exit code (`exitCode`) whether it came from a flag or from a call.
export {
  GatewayClientError as CliError,
  GatewayClientUsageError as CliUsageError,
  type GatewayClientErrorCode as CliErrorCode,
} from '@citybrain/gateway-client';
