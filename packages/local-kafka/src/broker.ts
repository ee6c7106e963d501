import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root, found from this file's location. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LAUNCHER = fileURLToPath(new URL('../../../deploy/kafka/kafka.sh', import.meta.url));

/** How the tests got their broker. */
export type BrokerSource = 'configured' | 'testcontainers' | 'local-launcher';

/** A broker the tests can use, and how to give it back. */
export interface TestBroker {
  readonly brokers: string[];
  readonly source: BrokerSource;
  stop(): Promise<void>;
}

async function dockerReachable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds a broker, in this order:
 * 1. `KAFKA_BROKERS` is set: use that cluster, start nothing.
 * 2. A Docker engine is reachable: testcontainers' Kafka module (KRaft), the convention for laptops.
 * 3. Otherwise: the project's launcher assembles Kafka from Maven Central and runs it on 127.0.0.1;
 *    it is stopped afterwards only if this run started it.
 */
export async function acquireBroker(
  env: NodeJS.ProcessEnv = process.env,
  options: { allowTestcontainers?: boolean } = {},
): Promise<TestBroker> {
  const configured = env['KAFKA_BROKERS'];
  if (configured) {
    return {
      brokers: configured.split(',').map((b) => b.trim()),
      source: 'configured',
      stop: async () => {},
    };
  }
  if (
    (options.allowTestcontainers ?? true) &&
    env['CITYBRAIN_NO_DOCKER'] !== '1' &&
    (await dockerReachable())
  ) {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const container = await new KafkaContainer('confluentinc/cp-kafka:7.9.1').withKraft().start();
    return {
      brokers: [`${container.getHost()}:${container.getMappedPort(9093)}`],
      source: 'testcontainers',
      stop: async () => {
        await container.stop();
      },
    };
  }
  const alreadyRunning = await run('bash', [LAUNCHER, 'status']).then(
    () => true,
    () => false,
  );
  const { stdout } = await run('bash', [LAUNCHER, 'start'], { maxBuffer: 16 * 1024 * 1024 });
  const match = /KAFKA_BROKERS=(\S+)/.exec(stdout);
  if (!match?.[1]) throw new Error(`the Kafka launcher did not report its address:\n${stdout}`);
  return {
    brokers: match[1].split(','),
    source: 'local-launcher',
    stop: async () => {
      if (!alreadyRunning) await run('bash', [LAUNCHER, 'stop']);
    },
  };
}

/**
 * Stops the project's local broker (its data stays), for tests that cause a broker outage. Only
 * meaningful when the broker came from the local launcher.
 */
export async function stopLocalBroker(): Promise<void> {
  await run('bash', [LAUNCHER, 'stop']);
}

/** Starts the project's local broker again on its data; resolves once it serves. */
export async function startLocalBroker(): Promise<void> {
  await run('bash', [LAUNCHER, 'start'], { maxBuffer: 16 * 1024 * 1024 });
}
