#!/usr/bin/env bash
# Regenerates Sources/OSMFormat/Generated from OSM's fileformat.proto and osmformat.proto.
# The generated code is committed: building swift-protobuf's plugin takes minutes, and CI need not.
# Needs protoc (apt install protobuf-compiler); builds protoc-gen-swift from the same swift-protobuf
# version as Package.swift names.
set -euo pipefail
cd "$(dirname "$0")/.."
version=1.39.0
work=${TMPDIR:-/tmp}/protoc-gen-swift-$version
if [[ ! -x $work/.build/release/protoc-gen-swift ]]; then
    rm -rf "$work"
    git clone -q --branch "$version" https://github.com/apple/swift-protobuf "$work"
    (cd "$work" && swift build -c release --product protoc-gen-swift)
fi
protoc --plugin=protoc-gen-swift="$work/.build/release/protoc-gen-swift" --swift_opt=Visibility=Public \
    --swift_out=Sources/OSMFormat/Generated -I Sources/OSMFormat/Protos \
    Sources/OSMFormat/Protos/fileformat.proto Sources/OSMFormat/Protos/osmformat.proto
echo "regenerated Sources/OSMFormat/Generated"
