#!/usr/bin/env python3
"""sipladder side by side with tshark, sngrep and the libpcap read floor, on the same files.

  Benchmarks/compare.py [--runs 3] [--sizes 250M,1G,2G] [--keep] [FILE.pcap ...]

With no files, builds captures of the given sizes with generate-capture.py in /tmp (and
removes them afterwards unless --keep). Each tool runs --runs times under /usr/bin/time -v,
in rounds of one run each; the table gives the median wall time, throughput, the ratios to
the floor and to tshark, the median processor time (user plus system) with the cores it
kept busy on average, and the largest peak resident memory. Every run reads the file once
from the page cache (a first untimed read warms it), so the figures compare processing,
not the disk.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SIP_FIELDS = ["frame.number", "sip.Method", "sip.Status-Code", "sip.Call-ID", "sip.CSeq"]


def tools(binary, floor):
    """name → command for a capture file."""
    return {
        "libpcap read (floor)": lambda path: [floor, path],
        "sipladder messages --format json": lambda path: [binary, "messages", "--quiet", "--format", "json", path],
        "sipladder analyze --format json": lambda path: [binary, "analyze", "--quiet", "--format", "json", path],
        "tshark -Y sip -T fields": lambda path: ["tshark", "-r", path, "-Y", "sip", "-T", "fields"]
                                                + [arg for field in SIP_FIELDS for arg in ("-e", field)],
        "sngrep -N -q": lambda path: ["sngrep", "-I", path, "-N", "-q"],
    }


def measure(command):
    """(wall seconds, processor seconds, peak RSS in MiB) of one run, its output discarded."""
    result = subprocess.run(["/usr/bin/time", "-v"] + command, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    report = result.stderr
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", report)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    user = re.search(r"User time \(seconds\): ([\d.]+)", report)
    system = re.search(r"System time \(seconds\): ([\d.]+)", report)
    if not wall or not rss or not user or not system:
        sys.exit(f"could not time {' '.join(command)}:\n{report[-2000:]}")
    hours, minutes, seconds = int(wall.group(1) or 0), int(wall.group(2)), float(wall.group(3))
    processor = float(user.group(1)) + float(system.group(1))
    return hours * 3600 + minutes * 60 + seconds, processor, int(rss.group(1)) / 1024


def build(args):
    subprocess.run(["swift", "build", "-c", "release", "--product", "sipladder"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    floor = os.path.join(tempfile.gettempdir(), "sipladder-pcap-floor")
    subprocess.run(["cc", "-O2", "-o", floor, os.path.join(HERE, "pcap-floor.c"), "-lpcap"], check=True)
    return os.path.join(ROOT, ".build", "release", "sipladder"), floor


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="250M,1G,2G")
    parser.add_argument("--keep", action="store_true", help="keep the generated captures")
    parser.add_argument("--skip", default="", help="comma-separated tool names to leave out (e.g. tshark)")
    args = parser.parse_args()

    binary, floor = build(args)
    files, generated = list(args.files), []
    if not files:
        for size in args.sizes.split(","):
            path = os.path.join(tempfile.gettempdir(), f"sipladder-bench-{size}.pcap")
            if not os.path.exists(path):
                subprocess.run([sys.executable, os.path.join(HERE, "generate-capture.py"), "--size", size, "-o", path],
                               check=True)
                generated.append(path)
            files.append(path)

    skipped = [name for name in args.skip.split(",") if name]
    print(f"{'file':<28} {'tool':<34} {'median s':>9} {'MB/s':>8} {'× floor':>8} {'vs tshark':>10} "
          f"{'cpu s':>7} {'cores':>6} {'peak MiB':>9}")
    for path in files:
        size_mb = os.path.getsize(path) / 1e6
        measure([floor, path])  # warm the page cache
        chosen = {name: command for name, command in tools(binary, floor).items()
                  if not any(skip in name for skip in skipped)}
        # Round by round, every tool once per round: a machine that speeds up or slows down
        # during the benchmark then shifts every tool alike, and the ratios hold.
        runs = {name: [] for name in chosen}
        for _ in range(args.runs):
            for name, command in chosen.items():
                runs[name].append(measure(command(path)))
        medians = {name: statistics.median(wall for wall, _, _ in result) for name, result in runs.items()}
        processor = {name: statistics.median(cpu for _, cpu, _ in result) for name, result in runs.items()}
        peaks = {name: max(rss for _, _, rss in result) for name, result in runs.items()}
        floor_time = medians["libpcap read (floor)"]
        tshark_time = next((t for name, t in medians.items() if name.startswith("tshark")), None)
        for name, median in medians.items():
            versus = f"{tshark_time / median:.1f}× faster" if tshark_time and not name.startswith("tshark") else ""
            # Cores kept busy: processor time over wall time, each a median of its own.
            print(f"{os.path.basename(path) + f' ({size_mb:.0f} MB)':<28} {name:<34} {median:>9.2f} "
                  f"{size_mb / median:>8.0f} {median / floor_time:>8.1f} {versus:>10} "
                  f"{processor[name]:>7.2f} {processor[name] / median:>6.2f} {peaks[name]:>9.0f}")
        sys.stdout.flush()
    if not args.keep:
        for path in generated:
            os.remove(path)


if __name__ == "__main__":
    main()
