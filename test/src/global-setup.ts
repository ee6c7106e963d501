import type { TestProject } from 'vitest/node';
import { acquireBroker, type TestBroker } from '@citybrain/local-kafka';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string[];
    kafkaSource: string;
  }
}

let broker: TestBroker | undefined;

/** Starts (or finds) the broker once for the whole integration run. */
export async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  broker = await acquireBroker();
  console.log(
    `[integration] Kafka from ${broker.source} at ${broker.brokers.join(',')} (${Date.now() - started} ms)`,
  );
  project.provide('kafkaBrokers', broker.brokers);
  project.provide('kafkaSource', broker.source);
}

export async function teardown(): Promise<void> {
  await broker?.stop();
}
