package citybrain.bench;

import citybrain.v1.Alerts;
import com.google.protobuf.Timestamp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;

/**
 * citybrain's traffic job as a Kafka Streams application, the other side of `pnpm bench:vs-streams`.
 *
 * <p>Topology: the three input topics (traffic, permit, case) are decoded and validated by {@link
 * EventDecoder} (protobuf or JSON by content-type) and located on the grid registry; invalid records go
 * to the dead-letter topic with the reason in {@code x-citybrain-dlq-reason}. Traffic observations,
 * keyed by grid id as the project's topics are, are counted per grid in 1-minute tumbling event-time
 * windows (count and intensity-weighted mean speed per road class), with a grace of the processor's
 * out-of-orderness (5 s by default, so a window closes at the same event time in both) and a window
 * store (RocksDB, record cache in front, changelogged) retained for one hour, not the 1-day default
 * (see {@link #DEFAULT_RETENTION_MS}). Each window's final result ({@code suppress(untilWindowCloses)}) raises one
 * {@code traffic-congestion} alert per road class whose mean speed is at or below the shipped rules'
 * threshold (35 / 20 / 15 km/h) with at least 3 observations.
 *
 * <p>Why suppress and not {@code EmitStrategy.onWindowClose()}: tried first, the latter was 10–50× slower
 * on a replayed backlog here (its time-ordered store range-scans the record cache, copying its key set,
 * and rolls a RocksDB segment per minute of stream time) and its alert count depended on the retention.
 *
 * <p>What it does not do, and the processor does: the other rules (accidents, case spikes, permit
 * deadlines, sustained congestion, escalation, resolution) and the other nine window engines. So the
 * comparison flatters Kafka Streams, not the processor.
 *
 * <p>Prints one JSON line per 100 ms on stdout while the processed-record or alert count changes: {@code
 * {"type":"progress","records":N,"alerts":M,"atMs":T}}, and {@code {"type":"state",...}} on state
 * changes. SIGTERM closes it cleanly.
 *
 * <p>Arguments: {@code --bootstrap host:port --application-id ID --topic-suffix S --grids FILE
 * --guarantee at_least_once|exactly_once --state-dir DIR [--grace-ms 5000] [--retention-ms 3600000]
 * [--commit-interval-ms 100] [--threads 1]}.
 */
public final class TrafficJob {
  private static final long WINDOW_MS = 60_000;
  /** Thresholds of the shipped rule file, index = road class − 1 (expressway, arterial, secondary). */
  private static final double[] THRESHOLD_KMH = {35, 20, 15};
  private static final String[] ROAD_CLASS = {"expressway", "arterial", "secondary"};
  private static final int MIN_COUNT = 3;
  /**
   * Window store retention. Kafka Streams rolls a RocksDB segment every max(retention / 2, 60 s) of
   * stream time, per task. With size + grace (65 s) that is a new RocksDB instance per task and city
   * minute: replaying a backlog, opening and closing them took most of the time (≈ 1.3k records/s here).
   * Measured on a 72k-record backlog: 65 s 1.3k, 10 min 3.8k, 1 h 6.5k, 1 day (the default) 5.5k
   * records/s. One hour is the fastest, so it is the default: the choice that flatters Kafka Streams.
   */
  private static final long DEFAULT_RETENTION_MS = 3_600_000;

  private static final AtomicLong processed = new AtomicLong();
  private static final AtomicLong alerts = new AtomicLong();

  private TrafficJob() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = parseArgs(argv);
    String bootstrap = required(args, "bootstrap");
    String suffix = args.getOrDefault("topic-suffix", "");
    String guarantee = required(args, "guarantee");
    String processingGuarantee = switch (guarantee) {
      case "at_least_once" -> StreamsConfig.AT_LEAST_ONCE;
      case "exactly_once" -> StreamsConfig.EXACTLY_ONCE_V2;
      default -> throw new IllegalArgumentException("--guarantee must be at_least_once or exactly_once, got " + guarantee);
    };
    long graceMs = Long.parseLong(args.getOrDefault("grace-ms", "5000"));
    long retentionMs = Long.parseLong(args.getOrDefault("retention-ms", Long.toString(DEFAULT_RETENTION_MS)));
    GridRegistry registry = GridRegistry.load(Path.of(required(args, "grids")));
    String alertsTopic = "city.alerts.v1" + suffix + ".streams";
    String deadLetterTopic = "city.deadletter.v1" + suffix + ".streams";
    createTopics(bootstrap, List.of(alertsTopic, deadLetterTopic));

    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, required(args, "application-id"));
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.parseInt(args.getOrDefault("threads", "1")));
    props.put(StreamsConfig.STATE_DIR_CONFIG, required(args, "state-dir"));
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    // A run ends when every input offset is committed (that is when results and state are durable), so
    // both guarantees commit every 100 ms, the exactly-once default; the at-least-once default (30 s)
    // would leave the record cache's deferred work out of the measurement. The processor commits after
    // every batch. Everything else is Kafka Streams' default (caching, RocksDB settings, acks=all).
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.parseLong(args.getOrDefault("commit-interval-ms", "100")));

    StreamsBuilder builder = new StreamsBuilder();
    EventDecoder decoder = new EventDecoder(registry);
    Map<EventDecoder.Family, String> inputs = Map.of(
        EventDecoder.Family.TRAFFIC, "city.traffic.v1" + suffix,
        EventDecoder.Family.PERMIT, "city.permit.v1" + suffix,
        EventDecoder.Family.CASE, "city.case.v1" + suffix);

    for (Map.Entry<EventDecoder.Family, String> input : inputs.entrySet()) {
      EventDecoder.Family family = input.getKey();
      KStream<String, EventDecoder.Decoded> decoded = builder
          .stream(input.getValue(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
          .processValues(() -> new DecodeProcessor(decoder, family, input.getValue()));
      String prefix = family.name().toLowerCase(java.util.Locale.ROOT) + "-";
      Map<String, KStream<String, EventDecoder.Decoded>> branches = decoded.split(Named.as(prefix))
          .branch((k, d) -> !d.valid(), Branched.as("invalid"))
          .branch((k, d) -> d.observation != null, Branched.as("observations"))
          .noDefaultBranch();
      branches.get(prefix + "invalid")
          .mapValues(d -> d.raw)
          .to(deadLetterTopic, Produced.with(Serdes.String(), Serdes.ByteArray()));
      if (family != EventDecoder.Family.TRAFFIC) continue;
      branches.get(prefix + "observations")
          .mapValues(d -> d.observation)
          .groupByKey(Grouped.with(Serdes.String(), ObservationSerde.INSTANCE))
          .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(WINDOW_MS), Duration.ofMillis(graceMs)))
          .aggregate(
              GridMinute::new,
              (gridId, observation, minute) -> minute.add(observation),
              Materialized.<String, GridMinute, WindowStore<Bytes, byte[]>>as("traffic-1m")
                  .withKeySerde(Serdes.String())
                  .withValueSerde(GridMinute.serde())
                  // One hour, not the one-day default nor size + grace: see DEFAULT_RETENTION_MS.
                  .withRetention(Duration.ofMillis(retentionMs)))
          // Final results only, once stream time passes the window's end plus grace.
          .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
          .toStream()
          .flatMap((window, minute) -> {
            List<KeyValue<String, byte[]>> out = new ArrayList<>(1);
            for (int i = 0; i < GridMinute.ROAD_CLASSES; i++) {
              double mean = minute.mean(i);
              if (minute.count[i] >= MIN_COUNT && mean <= THRESHOLD_KMH[i]) {
                String gridId = window.key();
                String fingerprint = "traffic-congestion|" + gridId + "|" + ROAD_CLASS[i];
                long start = window.window().start();
                Alerts.Alert alert = Alerts.Alert.newBuilder()
                    .setAlertId(fingerprint + "@" + start)
                    .setFingerprint(fingerprint)
                    .setRule("traffic-congestion")
                    .setKind(Alerts.AlertKind.ALERT_KIND_TRAFFIC)
                    .setSubCategory("trafficJam")
                    .setGridId(gridId)
                    .setAreaId(registry.byId(gridId).areaId())
                    .setSeverity(Alerts.Severity.SEVERITY_MEDIUM)
                    .setStatus(Alerts.AlertStatus.ALERT_STATUS_FIRING)
                    .setStartsAt(timestamp(window.window().end()))
                    .setValue(mean)
                    .setThreshold(THRESHOLD_KMH[i])
                    .setWindow(Alerts.TimeWindow.newBuilder()
                        .setStart(timestamp(start))
                        .setEnd(timestamp(window.window().end())))
                    .putLabels("roadClass", ROAD_CLASS[i])
                    .build();
                out.add(KeyValue.pair(fingerprint, alert.toByteArray()));
                alerts.incrementAndGet();
              }
            }
            return out;
          })
          .to(alertsTopic, Produced.with(Serdes.String(), Serdes.ByteArray()));
    }

    KafkaStreams streams = new KafkaStreams(builder.build(), props);
    CountDownLatch stopped = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      System.out.printf("{\"type\":\"state\",\"state\":\"%s\",\"atMs\":%d}%n", now, System.currentTimeMillis());
      System.out.flush();
      if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) stopped.countDown();
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close(Duration.ofSeconds(30));
      stopped.countDown();
    }, "shutdown"));
    Thread reporter = new Thread(TrafficJob::report, "progress");
    reporter.setDaemon(true);
    reporter.start();
    streams.start();
    stopped.await();
  }

  /** Prints the processed-record count every 100 ms while it changes (the harness reads it). */
  private static void report() {
    long last = -1;
    long lastAlerts = -1;
    try {
      for (;;) {
        long n = processed.get();
        long a = alerts.get();
        if (n != last || a != lastAlerts) {
          System.out.printf("{\"type\":\"progress\",\"records\":%d,\"alerts\":%d,\"atMs\":%d}%n", n, a, System.currentTimeMillis());
          System.out.flush();
          last = n;
          lastAlerts = a;
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Decodes one record; an invalid one keeps its original value and gets the dead-letter headers. */
  private static final class DecodeProcessor implements FixedKeyProcessor<String, byte[], EventDecoder.Decoded> {
    private final EventDecoder decoder;
    private final EventDecoder.Family family;
    private final String topic;
    private FixedKeyProcessorContext<String, EventDecoder.Decoded> context;

    DecodeProcessor(EventDecoder decoder, EventDecoder.Family family, String topic) {
      this.decoder = decoder;
      this.family = family;
      this.topic = topic;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, EventDecoder.Decoded> context) {
      this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
      EventDecoder.Decoded d = decoder.decode(family, record.value(), record.headers());
      processed.incrementAndGet();
      if (!d.valid()) {
        record.headers().add("x-citybrain-dlq-reason", d.reason.getBytes(StandardCharsets.UTF_8));
        record.headers().add("x-citybrain-dlq-topic", topic.getBytes(StandardCharsets.UTF_8));
        context.recordMetadata().ifPresent(m -> {
          record.headers().add("x-citybrain-dlq-partition", Integer.toString(m.partition()).getBytes(StandardCharsets.UTF_8));
          record.headers().add("x-citybrain-dlq-offset", Long.toString(m.offset()).getBytes(StandardCharsets.UTF_8));
        });
        context.forward(record.withValue(d.withRaw(record.value())));
        return;
      }
      if (d.observation != null) {
        // The key is the grid id on the project's topics; a record whose location says otherwise would
        // land in another grid's window, so it is dead-lettered rather than silently miscounted.
        if (!d.gridId.equals(record.key())) {
          record.headers().add("x-citybrain-dlq-reason", "key-not-grid".getBytes(StandardCharsets.UTF_8));
          context.forward(record.withValue(EventDecoder.Decoded.invalid("key-not-grid").withRaw(record.value())));
          return;
        }
        // Event time, not the record's append time, drives the windows.
        context.forward(record.withValue(d).withTimestamp(d.observation.eventTimeMs()));
      }
      // Other valid events (incidents, permits, cases) end here: their rules are not part of this job.
    }
  }

  private static Timestamp timestamp(long ms) {
    return Timestamp.newBuilder().setSeconds(Math.floorDiv(ms, 1000)).setNanos((int) Math.floorMod(ms, 1000) * 1_000_000).build();
  }

  private static void createTopics(String bootstrap, List<String> topics) throws InterruptedException {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      for (String t : topics) {
        try {
          admin.createTopics(List.of(new NewTopic(t, 6, (short) 1))).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) throw new IllegalStateException("cannot create " + t, e.getCause());
        }
      }
    }
  }

  private static Map<String, String> parseArgs(String[] argv) {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      if (!argv[i].startsWith("--")) throw new IllegalArgumentException("expected --name value, got " + argv[i]);
      args.put(argv[i].substring(2), argv[i + 1]);
    }
    return args;
  }

  private static String required(Map<String, String> args, String name) {
    String v = args.get(name);
    if (v == null || v.isEmpty()) throw new IllegalArgumentException("--" + name + " is required");
    return v;
  }
}
