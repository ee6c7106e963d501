package citybrain.bench;

import citybrain.v1.Events;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.ProtocolMessageEnum;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Decodes and validates an input record the way citybrain's codec does (packages/codec): protobuf
 * unless the {@code content-type} header says {@code application/json} (the protobuf JSON mapping,
 * strict: unknown fields are errors), then the same semantic checks (ids present, event time in
 * 2000..2101, exactly one location form, ranges of the observation fields, known enum values), then the
 * location resolved to a grid of the registry. A failure is a {@link Decoded} with a reason for the
 * dead-letter topic, never an exception.
 */
final class EventDecoder {
  /** The three input families, one per topic. */
  enum Family { TRAFFIC, PERMIT, CASE }

  private static final long MIN_EVENT_TIME_MS = 946_684_800_000L; // 2000-01-01
  private static final long MAX_EVENT_TIME_MS = 4_133_980_800_000L; // 2101-01-01
  private static final double MAX_SPEED_KMH = 300;
  private static final JsonFormat.Parser JSON = JsonFormat.parser();

  private final GridRegistry registry;

  EventDecoder(GridRegistry registry) {
    this.registry = registry;
  }

  /** The result: an observation to window, another valid event, or a reason to dead-letter. */
  static final class Decoded {
    final String reason;
    final Observation observation;
    final String gridId;
    /** The original value of an invalid record, for the dead-letter topic. */
    byte[] raw;

    private Decoded(String reason, Observation observation, String gridId) {
      this.reason = reason;
      this.observation = observation;
      this.gridId = gridId;
    }

    static Decoded invalid(String reason) {
      return new Decoded(reason, null, null);
    }

    Decoded withRaw(byte[] value) {
      raw = value;
      return this;
    }

    boolean valid() {
      return reason == null;
    }
  }

  /** What the traffic windows need from an observation: grid, event time, road class, weight, speed. */
  record Observation(String gridId, long eventTimeMs, int roadClass, int intensity, double speedKmh) {}

  Decoded decode(Family family, byte[] value, Headers headers) {
    if (value == null) return Decoded.invalid("malformed");
    boolean json;
    Header h = headers.lastHeader("content-type");
    if (h == null || h.value() == null || h.value().length == 0) {
      json = false;
    } else {
      String media = new String(h.value(), StandardCharsets.UTF_8).split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      switch (media) {
        case "application/json" -> json = true;
        case "application/x-protobuf", "application/protobuf", "" -> json = false;
        default -> {
          return Decoded.invalid("unsupported-content-type");
        }
      }
    }
    try {
      return switch (family) {
        case TRAFFIC -> traffic(json ? parseJson(value, Events.TrafficEvent.newBuilder()) : Events.TrafficEvent.parseFrom(value));
        case PERMIT -> permit(json ? parseJson(value, Events.PermitEvent.newBuilder()) : Events.PermitEvent.parseFrom(value));
        case CASE -> caseEvent(json ? parseJson(value, Events.CaseEvent.newBuilder()) : Events.CaseEvent.parseFrom(value));
      };
    } catch (InvalidProtocolBufferException e) {
      return Decoded.invalid("malformed");
    }
  }

  @SuppressWarnings("unchecked")
  private static <M extends Message> M parseJson(byte[] value, Message.Builder builder) throws InvalidProtocolBufferException {
    JSON.merge(new String(value, StandardCharsets.UTF_8), builder);
    return (M) builder.build();
  }

  private Decoded traffic(Events.TrafficEvent e) {
    String envelope = checkEnvelope(e.getEventId(), e.hasEventTime(), e.getEventTime());
    if (envelope != null) return Decoded.invalid(envelope);
    String gridId = locate(e.getLocation(), e.hasLocation());
    if (gridId == null) return Decoded.invalid("unknown-grid");
    switch (e.getPayloadCase()) {
      case OBSERVATION -> {
        Events.TrafficFlowObserved o = e.getObservation();
        if (o.getRefRoadSegment().isEmpty()
            || !known(o.getRoadClass())
            || o.getLaneId() < 0
            || o.getIntensity() < 0
            || !(o.getOccupancy() >= 0 && o.getOccupancy() <= 1)
            || !(o.getAverageVehicleSpeed() >= 0 && o.getAverageVehicleSpeed() <= MAX_SPEED_KMH)) {
          return Decoded.invalid("invalid-field");
        }
        return new Decoded(null, new Observation(gridId, millis(e.getEventTime()), o.getRoadClassValue(), o.getIntensity(), o.getAverageVehicleSpeed()), gridId);
      }
      case INCIDENT -> {
        Events.RoadAccident a = e.getIncident();
        if (a.getIncidentId().isEmpty() || !known(a.getIncidentType()) || !known(a.getStatus())
            || a.getInjured() < 0 || a.getDead() < 0 || a.getVehiclesInvolved() < 0) {
          return Decoded.invalid("invalid-field");
        }
        return new Decoded(null, null, gridId);
      }
      default -> {
        return Decoded.invalid("payload-missing");
      }
    }
  }

  private Decoded permit(Events.PermitEvent e) {
    String envelope = checkEnvelope(e.getEventId(), e.hasEventTime(), e.getEventTime());
    if (envelope != null) return Decoded.invalid(envelope);
    String gridId = locate(e.getLocation(), e.hasLocation());
    if (gridId == null) return Decoded.invalid("unknown-grid");
    if (e.getPermitId().isEmpty() || !known(e.getStage())) return Decoded.invalid("invalid-field");
    return new Decoded(null, null, gridId);
  }

  private Decoded caseEvent(Events.CaseEvent e) {
    String envelope = checkEnvelope(e.getEventId(), e.hasEventTime(), e.getEventTime());
    if (envelope != null) return Decoded.invalid(envelope);
    String gridId = locate(e.getLocation(), e.hasLocation());
    if (gridId == null) return Decoded.invalid("unknown-grid");
    if (e.getServiceRequestId().isEmpty() || e.getServiceCode().isEmpty()
        || !known(e.getStage()) || !known(e.getUrgency()) || !known(e.getChannel())) {
      return Decoded.invalid("invalid-field");
    }
    return new Decoded(null, null, gridId);
  }

  private static String checkEnvelope(String eventId, boolean hasTime, Timestamp time) {
    if (eventId.isEmpty() || !hasTime) return "missing-field";
    long ms = millis(time);
    if (ms < MIN_EVENT_TIME_MS || ms >= MAX_EVENT_TIME_MS) return "invalid-field";
    return null;
  }

  private String locate(Events.Location location, boolean present) {
    if (!present) return null;
    return switch (location.getKindCase()) {
      case GRID_ID -> {
        GridRegistry.Grid g = registry.byId(location.getGridId());
        yield g == null ? null : g.id();
      }
      case POINT -> {
        double lat = location.getPoint().getLat();
        double lon = location.getPoint().getLon();
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) yield null;
        GridRegistry.Grid g = registry.locate(lat, lon);
        yield g == null ? null : g.id();
      }
      default -> null;
    };
  }

  private static boolean known(ProtocolMessageEnum value) {
    // UNRECOGNIZED throws on getNumber(); 0 is the UNSPECIFIED value the contract rejects.
    return !"UNRECOGNIZED".equals(((Enum<?>) value).name()) && value.getNumber() != 0;
  }

  private static long millis(Timestamp t) {
    return t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
  }
}
