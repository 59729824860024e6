#!/usr/bin/env python3
"""Cold start of a native host: process start -> first 200 answer, median and min over N starts.

Usage: benchmarks/load/coldstart.py <binary> <url-path> [body-file] [runs]
  e.g. benchmarks/load/coldstart.py artifacts/native/azure/ember-azure /api/models/iris/predict samples/requests/iris.json
The binary is started with --urls http://127.0.0.1:<port>; EMBER_MODEL_STORE defaults to samples/models.
"""
import os, statistics, subprocess, sys, time, urllib.request

def cold_start(binary, path, body, port):
    env = dict(os.environ)
    env.setdefault("EMBER_MODEL_STORE", os.path.abspath("samples/models"))
    started = time.perf_counter()
    process = subprocess.Popen([binary, f"--urls=http://127.0.0.1:{port}"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if time.perf_counter() - started > 30:
                raise SystemExit(f"{binary}: no 200 on {path} within 30 s")
            try:
                headers = {"Content-Type": "application/json"} if body else {}
                request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, headers=headers)
                with urllib.request.urlopen(request, timeout=2) as reply:
                    if reply.status == 200:
                        return (time.perf_counter() - started) * 1000
            except OSError:
                time.sleep(0.002)
    finally:
        process.kill()
        process.wait()

def main():
    binary, path = sys.argv[1], sys.argv[2]
    body = open(sys.argv[3], "rb").read() if len(sys.argv) > 3 and sys.argv[3] != "-" else None
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    times = [cold_start(binary, path, body, 18000 + i) for i in range(runs)]
    print(f"{binary} {path}: median {statistics.median(times):.1f} ms, min {min(times):.1f} ms ({runs} starts)")

if __name__ == "__main__":
    main()
