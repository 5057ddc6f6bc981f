import Foundation

// Command-line harness for PostdeskMail, compiled together with its sources:
//   Benchmarks/mailparse/build.sh (PostdeskCrypto as a module, then the PostdeskMail sources and this file)
//   /tmp/mailparse FILE            prints parse(FILE).jsonData()
//   /tmp/mailparse --bench DIR     throughput over DIR/*.eml (MB/s, mails/s), then CPython's on the same files
//   --prefer-html                  ParsedMail.text from the HTML body (MailParser.TextSource.preferHTML)

func readFile(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map { [UInt8]($0) }
}

var arguments = CommandLine.arguments
// --prefer-html: ParsedMail.text from the HTML body when there is one (MailParser.TextSource.preferHTML).
let textSource: MailParser.TextSource = arguments.contains("--prefer-html") ? .preferHTML : .preferPlain
arguments.removeAll { $0 == "--prefer-html" }
let skipPython = arguments.contains("--no-python")
arguments.removeAll { $0 == "--no-python" }
if arguments.count >= 3, arguments[1] == "--bench" {
    let directory = arguments[2]
    let rounds = arguments.count >= 4 ? Int(arguments[3]) ?? 20 : 20
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
        $0.hasSuffix(".eml")
    }.sorted()
    let mails = names.compactMap { readFile(directory + "/" + $0) }
    let totalBytes = mails.reduce(0) { $0 + $1.count }
    let parser = MailParser(textSource: textSource)
    var failures = 0
    // Best of three passes (on a shared machine the slowest passes measure the neighbours, not the parser);
    // bench_cpython.py does the same.
    var seconds = Double.infinity
    for _ in 0..<3 {
        failures = 0
        let start = Date()
        for _ in 0..<rounds {
            for mail in mails {
                do { _ = try parser.parse(mail) } catch { failures += 1 }
            }
        }
        seconds = min(seconds, Date().timeIntervalSince(start))
    }
    let megabytes = Double(totalBytes * rounds) / 1_048_576
    let swiftRate = megabytes / seconds
    print(
        String(
            format:
                "swift PostdeskMail: %d mails x %d rounds, %.1f MB in %.3f s (best of 3): %.1f MB/s, %.0f mails/s (%d errors)",
            mails.count, rounds, megabytes, seconds, swiftRate, Double(mails.count * rounds) / seconds, failures))
    // The same files through CPython's email package (bench_cpython.py next to this file), for the ratio.
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("bench_cpython.py")
    if !skipPython, FileManager.default.fileExists(atPath: script.path) {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, directory, String(max(1, rounds / 6))]
        process.standardOutput = pipe
        do {
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            print(output, terminator: "")
            if let range = output.range(of: #"([0-9.]+) MB/s"#, options: .regularExpression),
                let pythonRate = Double(output[range].split(separator: " ")[0])
            {
                print(String(format: "ratio: %.1fx CPython (MB/s and mails/s: same files)", swiftRate / pythonRate))
            }
        } catch {
            print("python3 not run: \(error)")
        }
    }
} else if arguments.count >= 2 {
    guard let bytes = readFile(arguments[1]) else {
        FileHandle.standardError.write(Data("cannot read \(arguments[1])\n".utf8))
        exit(66)
    }
    do {
        let mail = try MailParser(textSource: textSource).parse(bytes)
        FileHandle.standardOutput.write(mail.jsonData())
        print()
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(65)
    }
} else {
    print("usage: mailparse [--prefer-html] FILE | --bench DIR [ROUNDS] [--no-python]")
}
