package citybrain.bench;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One grid's 1-minute window: per road class (expressway, arterial, secondary — the contract's enum
 * values 1..3), the observation count and the intensity-weighted mean speed, as the shipped rules
 * `traffic-congestion{roadClass=…}` aggregate them ({@code fn: mean, weight: intensity}).
 * Kept as one value per grid so that the input key (the grid id) needs no repartition.
 */
final class GridMinute {
  static final int ROAD_CLASSES = 3;
  final long[] count = new long[ROAD_CLASSES];
  final double[] weight = new double[ROAD_CLASSES];
  final double[] weightedSpeed = new double[ROAD_CLASSES];

  GridMinute add(EventDecoder.Observation o) {
    int i = o.roadClass() - 1;
    count[i]++;
    weight[i] += o.intensity();
    weightedSpeed[i] += o.intensity() * o.speedKmh();
    return this;
  }

  /** The weighted mean speed of a road class, NaN without weight. */
  double mean(int i) {
    return weight[i] > 0 ? weightedSpeed[i] / weight[i] : Double.NaN;
  }

  private static final int BYTES = ROAD_CLASSES * (8 + 8 + 8);

  /** Fixed 72-byte encoding for the window store and its changelog. */
  static Serde<GridMinute> serde() {
    Serializer<GridMinute> ser = (topic, m) -> {
      if (m == null) return null;
      ByteBuffer b = ByteBuffer.allocate(BYTES);
      for (int i = 0; i < ROAD_CLASSES; i++) b.putLong(m.count[i]).putDouble(m.weight[i]).putDouble(m.weightedSpeed[i]);
      return b.array();
    };
    Deserializer<GridMinute> de = (topic, bytes) -> {
      if (bytes == null) return null;
      ByteBuffer b = ByteBuffer.wrap(bytes);
      GridMinute m = new GridMinute();
      for (int i = 0; i < ROAD_CLASSES; i++) {
        m.count[i] = b.getLong();
        m.weight[i] = b.getDouble();
        m.weightedSpeed[i] = b.getDouble();
      }
      return m;
    };
    return Serdes.serdeFrom(ser, de);
  }
}
