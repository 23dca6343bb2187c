// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "InclusionMap",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "inclusion-map", targets: ["inclusion-map"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        // SDL2, SDL2_ttf and SDL2_image from Debian (libsdl2-dev, libsdl2-ttf-dev, libsdl2-image-dev).
        .systemLibrary(
            name: "CSDL2",
            pkgConfig: "SDL2_ttf",
            providers: [.apt(["libsdl2-dev", "libsdl2-ttf-dev", "libsdl2-image-dev"])]
        ),
        // GNU FriBidi from Debian (libfribidi-dev): the Unicode bidirectional algorithm, which puts
        // French names and numbers in the right order inside Arabic sentences.
        .systemLibrary(name: "CFribidi", pkgConfig: "fribidi", providers: [.apt(["libfribidi-dev"])]),
        // eSpeak NG from Debian (libespeak-ng-dev, voices in espeak-ng-data).
        .systemLibrary(name: "CEspeak", pkgConfig: "espeak-ng", providers: [.apt(["libespeak-ng-dev", "espeak-ng-data"])]),
        // QR codes from Debian's libqrencode (libqrencode-dev).
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // A place to take along: QR codes a phone reads (no display).
        .target(name: "QRCodes", dependencies: ["CQRencode"]),
        // Text to speech: samples from eSpeak NG, WAV files; no SDL.
        .target(name: "Speech", dependencies: ["CEspeak"]),
        .target(name: "MapGeometry"),
        // The one text folding (case and accents), for search, merging and answers typed on the command line.
        .target(name: "TextFolding"),
        // What the kiosk reacts to (events, recorded traces): no SDL.
        .target(name: "InputModel", dependencies: ["MapGeometry"]),
        // Visitors' answers and their vocabulary: no GRDB, no NIO.
        .target(name: "FeedbackModel", dependencies: ["TextFolding"]),
        .target(name: "MapScene", dependencies: ["MapGeometry", .product(name: "CSV", package: "CSV.swift")]),
        // zlib from Debian (zlib1g-dev), for the compressed blocks of OpenStreetMap PBF files.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // OpenStreetMap extracts (.osm.pbf) read block by block into basemap features; the protobuf
        // code is generated from OSM's own .proto files (scripts/generate-osm-protos.sh).
        .target(name: "OSMFormat", dependencies: [
            "CZlib", "MapScene", "MapGeometry", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        ], exclude: ["Protos"]),
        .target(name: "Places", dependencies: [
            "CZlib", "MapGeometry", "TextFolding", .product(name: "CSV", package: "CSV.swift"), .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "Feedback", dependencies: [
            "FeedbackModel",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Secrets kept as salted slow hashes (the staff PIN, the dashboard's passwords).
        .target(name: "SaltedHashing", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        // The lab's read-only web dashboard (Hummingbird): nothing in the kiosk depends on it.
        .target(name: "LabDashboard", dependencies: [
            "Feedback", "SaltedHashing",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Where help is missing: figures per commune, intercommunality and department (no display).
        .target(name: "Coverage", dependencies: ["Places", "MapGeometry", "TextFolding", .product(name: "CSV", package: "CSV.swift")]),
        .target(name: "Kiosk", dependencies: ["MapScene", "MapGeometry", "Places", "FeedbackModel", "InputModel", "Coverage", "QRCodes", "TextFolding"]),
        // The pixel loop Swift cannot vectorise (a gather), in C with AVX2 chosen at run time.
        .target(name: "CPixelKernels"),
        .target(name: "CSignalWake"),
        .target(name: "SDLBackend", dependencies: ["CSDL2", "CFribidi", "CPixelKernels", "CSignalWake", "InputModel", "MapScene"]),
        .executableTarget(
            name: "inclusion-map",
            dependencies: [
                "Kiosk", "MapScene", "MapGeometry", "SDLBackend", "Places", "Feedback", "InputModel", "Coverage", "Speech", "LabDashboard", "SaltedHashing",
                "OSMFormat",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "kiosk-benchmarks",
            dependencies: ["MapGeometry", "MapScene", "Places", "Feedback", "Coverage", "Kiosk", "Speech", "CPixelKernels",
                           .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/kiosk-benchmarks"
        ),
        .testTarget(name: "MapGeometryTests", dependencies: ["MapGeometry"], exclude: ["Fixtures"]),
        .testTarget(name: "MapSceneTests", dependencies: ["MapScene", "MapGeometry"]),
        .testTarget(name: "OSMFormatTests", dependencies: ["OSMFormat", "MapScene", "MapGeometry"]),
        .testTarget(name: "PlacesTests", dependencies: ["Places", "TextFolding", .product(name: "CSV", package: "CSV.swift")], exclude: ["Fixtures"]),
        .testTarget(name: "CoverageTests", dependencies: ["Coverage", "Places", "MapGeometry"]),
        .testTarget(name: "FeedbackTests", dependencies: [
            "Feedback", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ], exclude: ["Fixtures"]),
        .testTarget(name: "KioskTests", dependencies: ["Kiosk", "MapScene", "MapGeometry", "Places", "FeedbackModel", "InputModel", "Coverage"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["SDLBackend", "Kiosk", "InputModel", "CSDL2", "CPixelKernels", "Coverage", "Places", "MapScene", "MapGeometry",
                           .product(name: "CSV", package: "CSV.swift")],
            exclude: ["Browser"],
            resources: [.copy("Traces"), .copy("Golden")]
        ),
    ]
)
