package citybrain.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The project's grid registry (deploy/config/longgang-grids.yaml, format version 1) reduced to what the
 * job needs: grid ids, their area, and point → grid by polygon. Like the processor, a point is located
 * by a bounding-box filter then an exact even-odd point-in-polygon test; the half-open edge rule of the
 * ray test puts a point on a shared edge into exactly one grid.
 */
final class GridRegistry {
  /** One all-purpose grid: id, area and boundary ([lon, lat] vertices, open ring). */
  record Grid(String id, String areaId, double[] lons, double[] lats, double minLon, double maxLon, double minLat, double maxLat) {
    boolean contains(double lat, double lon) {
      if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) return false;
      boolean inside = false;
      for (int i = 0, j = lons.length - 1; i < lons.length; j = i++) {
        if ((lats[i] > lat) != (lats[j] > lat)
            && lon < (lons[j] - lons[i]) * (lat - lats[i]) / (lats[j] - lats[i]) + lons[i]) {
          inside = !inside;
        }
      }
      return inside;
    }
  }

  private final Map<String, Grid> byId = new HashMap<>();
  private final Grid[] grids;

  private GridRegistry(List<Grid> grids) {
    this.grids = grids.toArray(new Grid[0]);
    for (Grid g : grids) byId.put(g.id(), g);
  }

  /** The grid with this id, or null. */
  Grid byId(String id) {
    return byId.get(id);
  }

  /** The grid that contains the point, or null. */
  Grid locate(double lat, double lon) {
    for (Grid g : grids) if (g.contains(lat, lon)) return g;
    return null;
  }

  int size() {
    return grids.length;
  }

  /** Reads a grid file; a grid's area is the parent of its large grid. */
  @SuppressWarnings("unchecked")
  static GridRegistry load(Path file) throws IOException {
    Map<String, Object> doc;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
    }
    Map<String, String> areaOfLargeGrid = new HashMap<>();
    for (Object o : (List<Object>) doc.get("largeGrids")) {
      Map<String, Object> lg = (Map<String, Object>) o;
      areaOfLargeGrid.put(String.valueOf(lg.get("id")), String.valueOf(lg.get("parent")));
    }
    List<Grid> grids = new ArrayList<>();
    for (Object o : (List<Object>) doc.get("grids")) {
      Map<String, Object> g = (Map<String, Object>) o;
      List<List<Number>> boundary = (List<List<Number>>) g.get("boundary");
      int n = boundary.size();
      // A closed ring repeats its first vertex; the test needs the open ring.
      if (n > 1 && boundary.get(0).equals(boundary.get(n - 1))) n--;
      double[] lons = new double[n];
      double[] lats = new double[n];
      double minLon = Double.POSITIVE_INFINITY, maxLon = Double.NEGATIVE_INFINITY;
      double minLat = Double.POSITIVE_INFINITY, maxLat = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        lons[i] = boundary.get(i).get(0).doubleValue();
        lats[i] = boundary.get(i).get(1).doubleValue();
        minLon = Math.min(minLon, lons[i]);
        maxLon = Math.max(maxLon, lons[i]);
        minLat = Math.min(minLat, lats[i]);
        maxLat = Math.max(maxLat, lats[i]);
      }
      String id = String.valueOf(g.get("id"));
      String area = areaOfLargeGrid.getOrDefault(String.valueOf(g.get("parent")), "");
      grids.add(new Grid(id, area, lons, lats, minLon, maxLon, minLat, maxLat));
    }
    return new GridRegistry(grids);
  }
}
