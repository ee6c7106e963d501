import type { Alert } from '@citybrain/domain';
import {
  createAlertClient,
  formatAlert,
  formatAlertJson,
  listActiveAlerts,
  watchAlerts,
} from '@citybrain/gateway-client';
import { CLI_USAGE, parseCliArgs, type CliCommand } from './args';
import {
  acknowledge,
  addSilence,
  expireSilence,
  formatAcknowledgement,
  gatewayClients,
  listSilences,
  publishEvents,
  showAlert,
  showGrids,
  type Output,
} from './commands';
import { CliError } from './errors';
import { runRulesBacktest } from './rules-backtest';
import { runRuleTestFiles } from './rules-test';

// `citybrain`: alerts go to stdout (one per line), notices and errors to stderr.

function useColor(mode: 'auto' | 'always' | 'never'): boolean {
  if (mode !== 'auto') return mode === 'always';
  if (process.env['NO_COLOR']) return false;
  if (process.env['FORCE_COLOR'] && process.env['FORCE_COLOR'] !== '0') return true;
  return process.stdout.isTTY === true;
}

async function run(command: Exclude<CliCommand, { command: 'help' }>): Promise<number> {
  const color = useColor(command.color);
  const print = (alert: Alert) =>
    process.stdout.write(`${command.json ? formatAlertJson(alert) : formatAlert(alert, { color })}\n`);

  const output: Output = {
    json: command.json,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  if (command.command === 'rules-test') return await runRuleTestFiles(command.files, command, output);
  if (command.command === 'rules-backtest') {
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    return await runRulesBacktest(command, process.env, output, process.stderr, stop.signal);
  }
  if (command.command !== 'alerts-watch' && command.command !== 'alerts-list') {
    const clients = gatewayClients(command.connection);
    try {
      switch (command.command) {
        case 'alerts-show':
          await showAlert(clients, command.address, command.alertId, output, color);
          return 0;
        case 'alerts-ack':
          await acknowledge(clients, command.address, command.alertId, command.note, output);
          return 0;
        case 'silence-add':
          await addSilence(clients, command.address, command, output);
          return 0;
        case 'silence-list':
          await listSilences(clients, command.address, command.includeExpired, output);
          return 0;
        case 'silence-expire':
          await expireSilence(clients, command.address, command.silenceId, output);
          return 0;
        case 'grids-show':
          await showGrids(clients, command.address, command, output);
          return 0;
        case 'events-publish':
          return await publishEvents(clients, command.address, command.file, output);
      }
    } finally {
      clients.close();
    }
  }

  if (command.command === 'alerts-list') {
    const client = createAlertClient(command.address, command.connection);
    try {
      const alerts = await listActiveAlerts(client, command.address, command.filter);
      alerts.forEach(print);
      if (alerts.length === 0 && !command.json) process.stderr.write('no active alerts\n');
      return 0;
    } finally {
      client.close();
    }
  }

  const stop = new AbortController();
  let announced = false;
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  await watchAlerts({
    address: command.address,
    connection: command.connection,
    filter: command.filter,
    signal: stop.signal,
    onAlert: print,
    onAcknowledgement: (ack) =>
      process.stdout.write(
        `${command.json ? JSON.stringify({ acknowledgement: ack }) : formatAcknowledgement(ack)}\n`,
      ),
    onConnected: () => {
      if (!announced && !command.json)
        process.stderr.write(`watching alerts at ${command.address} (Ctrl-C stops)\n`);
      announced = true;
    },
    onNotice: (message) => process.stderr.write(`citybrain: ${message}\n`),
  });
  return 0;
}

async function main(): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCliArgs(process.argv.slice(2), process.env);
  } catch (err: unknown) {
    if (err instanceof CliError) {
      process.stderr.write(`citybrain: ${err.message}\n\n${CLI_USAGE}`);
      return err.exitCode;
    }
    throw err;
  }
  if (command.command === 'help') {
    process.stdout.write(CLI_USAGE);
    return 0;
  }
  try {
    return await run(command);
  } catch (err: unknown) {
    if (err instanceof CliError) {
      process.stderr.write(`citybrain: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}

main().then(
  // Exit once stdout is flushed: on a pipe, process.exit would cut a large --json report short.
  (code) => void process.stdout.write('', () => process.exit(code)),
  (err: unknown) => {
    process.stderr.write(`citybrain: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
