#!/usr/bin/env python3
"""OpenStreetMap XML made here, for tests and benchmarks of the .osm.pbf basemap (no network).

  osm-fixtures.py lille ASSETS_DIR OUT.osm
      The central-Lille sample (assets/basemap/lille-centre-osm-2017, © OpenStreetMap
      contributors, ODbL) written back as OSM XML: nodes shared by ways where the GeoJSON repeats a
      position, polygons with holes as multipolygon relations.
  osm-fixtures.py region [--ways N] [--detail K] [--buildings B] [--seed S] OUT.osm
      A synthetic region over the Hauts-de-France bounds: a grid of streets cut into blocks (N ways
      or a few more), main roads every few lines, railways, rivers, lakes with islands (multipolygon
      relations), forests, parks, named towns and villages, and buildings, which the kiosk skips
      (N/10 unless --buildings says; each a closed way of 4 nodes). --detail K puts K nodes between
      a street's ends (default 1); real streets have several, and a real extract's nodes are mostly
      buildings': `--ways 1500000 --detail 4 --buildings 3000000` comes near a region's.

Convert with `osmium cat OUT.osm -o OUT.osm.pbf` (Debian's osmium-tool). OUT may be `-` (stdout).
"""
from array import array
import json
import math
import random
import sys

R = 6378137.0


def to_degrees(x, y):
    lon = x / R * 180.0 / math.pi
    lat = (2.0 * math.atan(math.exp(y / R)) - math.pi / 2.0) * 180.0 / math.pi
    return lat, lon


def escape(text):
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


class Writer:
    """Nodes first, then ways, then relations, each by increasing id: what osmium expects.
    Coordinates are kept in packed arrays so that tens of millions of nodes fit in memory."""

    def __init__(self):
        self.shared = {}         # (lat7, lon7) -> id, for nodes ways share
        self.lat7 = array("i")   # by id - 1
        self.lon7 = array("i")
        self.node_tags = {}      # id -> tags
        self.ways = []           # (id, refs, tags)
        self.relations = []      # (id, members, tags)
        self.next_way = 1
        self.next_relation = 1

    @property
    def node_count(self):
        return len(self.lat7)

    def node(self, lat, lon, tags=None, shared=True):
        key = (round(lat * 1e7), round(lon * 1e7))
        if shared and tags is None and key in self.shared:
            return self.shared[key]
        self.lat7.append(key[0])
        self.lon7.append(key[1])
        nid = len(self.lat7)
        if tags is not None:
            self.node_tags[nid] = tags
        elif shared:
            self.shared[key] = nid
        return nid

    def way(self, refs, tags):
        wid = self.next_way
        self.next_way += 1
        self.ways.append((wid, array("q", refs), tags))
        return wid

    def relation(self, members, tags):
        rid = self.next_relation
        self.next_relation += 1
        self.relations.append((rid, members, tags))
        return rid

    def write(self, out):
        w = out.write
        w('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="inclusion-map osm-fixtures">\n')
        for index in range(len(self.lat7)):
            nid = index + 1
            position = f'lat="{self.lat7[index] / 1e7:.7f}" lon="{self.lon7[index] / 1e7:.7f}"'
            tags = self.node_tags.get(nid)
            if tags:
                w(f' <node id="{nid}" version="1" {position}>\n')
                for k, v in tags.items():
                    w(f'  <tag k="{escape(k)}" v="{escape(v)}"/>\n')
                w(' </node>\n')
            else:
                w(f' <node id="{nid}" version="1" {position}/>\n')
        for wid, refs, tags in self.ways:
            w(f' <way id="{wid}" version="1">\n')
            w("".join(f'  <nd ref="{ref}"/>\n' for ref in refs))
            for k, v in tags.items():
                w(f'  <tag k="{escape(k)}" v="{escape(v)}"/>\n')
            w(' </way>\n')
        for rid, members, tags in self.relations:
            w(f' <relation id="{rid}" version="1">\n')
            for ref, role in members:
                w(f'  <member type="way" ref="{ref}" role="{role}"/>\n')
            for k, v in tags.items():
                w(f'  <tag k="{escape(k)}" v="{escape(v)}"/>\n')
            w(' </relation>\n')
        w('</osm>\n')


def ring_refs(writer, ring, project):
    refs = [writer.node(*project(p)) for p in ring]
    if refs[0] != refs[-1]:
        refs.append(refs[0])
    return refs


def lille(assets, out):
    writer = Writer()
    project = lambda p: to_degrees(p[0], p[1])
    base = assets.rstrip("/") + "/basemap/lille-centre-osm-2017/"
    lines = [("highway_line.json", "highway"), ("railway_line.json", "railway"), ("waterway_line.json", "waterway")]
    polygons = [("waterway_polygon.json", "waterway"), ("leisure_polygon.json", "leisure")]
    for name, key in lines:
        for feature in json.load(open(base + name))["features"]:
            value = feature["properties"].get(key)
            if not value:
                continue
            tags = {key: value}
            if feature["properties"].get("name"):
                tags["name"] = feature["properties"]["name"]
            geometry = feature["geometry"]
            parts = [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
            for part in parts:
                writer.way([writer.node(*project(p)) for p in part], tags)
    for name, key in polygons:
        for feature in json.load(open(base + name))["features"]:
            value = feature["properties"].get(key)
            if not value:
                continue
            geometry = feature["geometry"]
            shapes = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            if len(shapes) == 1 and len(shapes[0]) == 1:
                writer.way(ring_refs(writer, shapes[0][0], project), {key: value})
                continue
            members = []
            for rings in shapes:
                for index, ring in enumerate(rings):
                    members.append((writer.way(ring_refs(writer, ring, project), {}), "outer" if index == 0 else "inner"))
            writer.relation(members, {"type": "multipolygon", key: value})
    return writer


def region(ways_wanted, seed, detail=1, buildings=None):
    """A grid of square blocks over the region's bounds; each block side is a way, with `detail`
    nodes between its ends (a real street has several); `buildings` closed ways to skip."""
    random.seed(seed)
    writer = Writer()
    west, south, east, north = 1.38, 48.83, 4.26, 51.09
    # Lines in each direction so that 2·n·(n−1) block sides reach the wanted count.
    n = int(math.ceil((1 + math.sqrt(1 + 2 * ways_wanted)) / 2))
    dlat, dlon = (north - south) / (n - 1), (east - west) / (n - 1)
    grid = [[writer.node(south + i * dlat, west + j * dlon) for j in range(n)] for i in range(n)]

    def street_class(index):
        if index % 40 == 0:
            return "primary"
        if index % 10 == 0:
            return "secondary"
        if index % 5 == 0:
            return "tertiary"
        return random.choice(["residential", "residential", "residential", "service", "unclassified", "footway"])

    row_class = [street_class(i) for i in range(n)]
    column_class = [street_class(j) for j in range(n)]
    def bends(count):
        return [(k + 1) / (count + 1) for k in range(count)]

    for i in range(n):
        for j in range(n - 1):
            # East-west block side with nodes between its ends, slightly bent, as streets are.
            middle = [writer.node(south + (i + random.uniform(-0.05, 0.05)) * dlat, west + (j + t) * dlon, shared=False)
                      for t in bends(detail)]
            writer.way([grid[i][j]] + middle + [grid[i][j + 1]], {"highway": row_class[i]})
    for j in range(n):
        for i in range(n - 1):
            middle = [writer.node(south + (i + t) * dlat, west + (j + random.uniform(-0.03, 0.03)) * dlon, shared=False)
                      for t in bends(detail - 1)]
            writer.way([grid[i][j]] + middle + [grid[i + 1][j]], {"highway": column_class[j]})
    # Two railways across the region and a river along it.
    for k in (n // 3, 2 * n // 3):
        refs = [writer.node(south + i * dlat + dlat * 0.3, west + k * dlon + dlon * 0.3) for i in range(n)]
        writer.way(refs, {"railway": "rail"})
    river = [writer.node(south + i * dlat + dlat * 0.5, west + (n // 2) * dlon + math.sin(i / 7) * 3 * dlon) for i in range(n)]
    writer.way(river, {"waterway": "river", "name": "Rivière synthétique"})
    # Lakes with an island (multipolygon relations), forests and parks (closed ways), buildings.
    for k in range(max(4, n // 20)):
        i, j = random.randrange(1, n - 3), random.randrange(1, n - 3)
        lat0, lon0 = south + (i + 0.2) * dlat, west + (j + 0.2) * dlon

        def square(size, offset=0.0):
            corners = [(0, 0), (0, size), (size, size), (size, 0)]
            return [writer.node(lat0 + (a + offset) * dlat, lon0 + (b + offset) * dlon) for a, b in corners]

        outer = square(1.6)
        island = square(0.4, 0.5)
        outer_way = writer.way(outer[:2], {})
        outer_rest = writer.way(outer[1:] + outer[:1], {})
        inner_way = writer.way(island + island[:1], {})
        writer.relation([(outer_way, "outer"), (outer_rest, "outer"), (inner_way, "inner")],
                        {"type": "multipolygon", "natural": "water"})
        i, j = random.randrange(0, n - 2), random.randrange(0, n - 2)
        forest = [writer.node(south + (i + a) * dlat, west + (j + b) * dlon) for a, b in [(0.1, 0.1), (0.1, 0.9), (0.9, 0.9), (0.9, 0.1)]]
        writer.way(forest + forest[:1], {"landuse": "forest"})
        i, j = random.randrange(0, n - 2), random.randrange(0, n - 2)
        park = [writer.node(south + (i + a) * dlat, west + (j + b) * dlon) for a, b in [(0.2, 0.2), (0.2, 0.6), (0.6, 0.6), (0.6, 0.2)]]
        writer.way(park + park[:1], {"leisure": "park"})
    for k in range(max(10, n // 2)):
        lat, lon = random.uniform(south, north), random.uniform(west, east)
        big = k % 10 == 0
        tags = {"place": "town" if big else "village", "name": f"{'Ville' if big else 'Village'} {k}"}
        if big:
            tags["population"] = str(random.randrange(10000, 60000))
        writer.node(lat, lon, tags)
    for k in range(ways_wanted // 10 if buildings is None else buildings):
        i, j = random.randrange(0, n - 1), random.randrange(0, n - 1)
        lat, lon = south + (i + random.uniform(0.05, 0.9)) * dlat, west + (j + random.uniform(0.05, 0.9)) * dlon
        corners = [(0, 0), (0, 0.02), (0.02, 0.02), (0.02, 0)]
        refs = [writer.node(lat + a * dlat, lon + b * dlon, shared=False) for a, b in corners]
        writer.way(refs + refs[:1], {"building": "yes"})
    return writer


def main(argv):
    if len(argv) >= 3 and argv[0] == "lille":
        writer = lille(argv[1], argv[2])
        target = argv[2]
    elif len(argv) >= 2 and argv[0] == "region":
        options = {"--ways": 1_000_000, "--seed": 1, "--detail": 1, "--buildings": None}
        positional = []
        rest = iter(argv[1:])
        for argument in rest:
            if argument in options:
                options[argument] = int(next(rest))
            else:
                positional.append(argument)
        if len(positional) != 1:
            sys.stderr.write(__doc__)
            return 2
        writer = region(options["--ways"], options["--seed"], options["--detail"], options["--buildings"])
        target = positional[0]
    else:
        sys.stderr.write(__doc__)
        return 2
    if target == "-":
        writer.write(sys.stdout)
    else:
        with open(target, "w", encoding="utf-8") as out:
            writer.write(out)
    print(f"{target}: {writer.node_count} nodes, {len(writer.ways)} ways, {len(writer.relations)} relations",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
