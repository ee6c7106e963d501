package citybrain.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of an observation. The topology groups by the input key, so Kafka Streams never repartitions
 * and never calls it on the hot path; {@code groupByKey} still asks for one.
 */
final class ObservationSerde implements Serde<EventDecoder.Observation> {
  static final ObservationSerde INSTANCE = new ObservationSerde();

  @Override
  public Serializer<EventDecoder.Observation> serializer() {
    return (topic, o) -> {
      if (o == null) return null;
      byte[] grid = o.gridId().getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(4 + grid.length + 8 + 4 + 4 + 8)
          .putInt(grid.length).put(grid).putLong(o.eventTimeMs()).putInt(o.roadClass()).putInt(o.intensity()).putDouble(o.speedKmh())
          .array();
    };
  }

  @Override
  public Deserializer<EventDecoder.Observation> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) return null;
      ByteBuffer b = ByteBuffer.wrap(bytes);
      byte[] grid = new byte[b.getInt()];
      b.get(grid);
      return new EventDecoder.Observation(new String(grid, StandardCharsets.UTF_8), b.getLong(), b.getInt(), b.getInt(), b.getDouble());
    };
  }
}
