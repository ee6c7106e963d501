/**
 * Finds a Kafka broker for the tests and the demo, in the order users expect: `KAFKA_BROKERS` (an
 * existing cluster; nothing is started), testcontainers' Kafka module when a Docker engine is
 * reachable, else the project's launcher (`deploy/kafka/kafka.sh`), which assembles Apache Kafka from
 * Maven Central and runs a single-node KRaft broker on 127.0.0.1.
 *
 * @example
 * ```ts
 * import { acquireBroker } from '@citybrain/local-kafka';
 * const broker = await acquireBroker();
 * console.log(broker.brokers, broker.source);
 * await broker.stop(); // stops only what it started
 * ```
 */
export {
  acquireBroker,
  startLocalBroker,
  stopLocalBroker,
  REPO_ROOT,
  type TestBroker,
  type BrokerSource,
} from './broker';
