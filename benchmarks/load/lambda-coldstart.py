#!/usr/bin/env python3
"""Cold start of the Lambda `bootstrap`: process start -> first event answered, with a minimal
Runtime API stub started per run and the model in moto's S3 (started here on a free port).

Usage: benchmarks/load/lambda-coldstart.py <bootstrap> <spark-model-dir> [--bare <bare-bootstrap>] [--modes m,...] [--runs N]
Modes, interleaved run by run so that drift in machine load falls on all alike:
  bare     the bare custom runtime (--bare, scripts/publish-native.sh bare) answering a first event
  health   the bootstrap answering a first GET /api/health (no model I/O)
  pack     first event a predict; the version stored as `ember push` stores it (files + one tar)
  preload  as pack, with EMBER_PRELOAD=iris (an on-demand sandbox: the load runs alongside the first poll)
  folder   first event a predict; the version a plain copy of Spark's folder (one GET per file)
  local    first event a predict; the model in a local folder (a model store shipped in the package)
The predict's row is the iris row below; pass a model with those inputs (the zoo's
jpmml-lr-iris-s210/model). Needs moto_server and boto3 (pip install "moto[server]").
EMBER_BENCH_ENV=NAME=VALUE,... adds settings to the bootstrap's environment (to try runtime knobs).
"""
import argparse, base64, http.server, io, json, os, shutil, socket, socketserver, subprocess, tarfile, tempfile, threading, time, uuid

import boto3

ROW = {"Sepal_Length": 5.1, "Sepal_Width": 3.5, "Petal_Length": 1.4, "Petal_Width": 0.2}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto():
    port = free_port()
    process = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return process, endpoint
        except OSError:
            time.sleep(0.05)
    raise SystemExit("moto_server did not start")


def upload(s3, model_dir, bucket, prefix, pack):
    for folder, _, files in os.walk(model_dir):
        for name in files:
            path = os.path.join(folder, name)
            s3.upload_file(path, bucket, f"{prefix}/iris/1/{os.path.relpath(path, model_dir)}")
    if pack:
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for folder, _, files in os.walk(model_dir):
                for name in files:
                    if name.startswith(("_", ".")) or name.endswith(".crc"):
                        continue
                    path = os.path.join(folder, name)
                    tar.add(path, arcname=os.path.relpath(path, model_dir))
        s3.put_object(Bucket=bucket, Key=f"{prefix}/iris/1/_ember_bundle.tar", Body=buffer.getvalue())


def event(health):
    path = "/prod/api/health" if health else "/prod/api/models/iris/predict"
    body = None if health else base64.b64encode(json.dumps({"rows": [ROW]}).encode()).decode()
    return json.dumps({"version": "2.0", "routeKey": "$default", "rawPath": path, "rawQueryString": "",
                       "headers": {"content-type": "application/json"},
                       "requestContext": {"http": {"method": "GET" if health else "POST", "path": path}, "stage": "prod", "requestId": "r1"},
                       "body": body, "isBase64Encoded": not health}).encode()


def cold_start(bootstrap, environment, payload):
    done, state = threading.Event(), {"served": False, "answer": b""}

    class RuntimeApi(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):  # /runtime/invocation/next: one event, then hold the poll
            if state["served"]:
                time.sleep(30)
                return
            state["served"] = True
            self.send_response(200)
            for name, value in [("Lambda-Runtime-Aws-Request-Id", "req-1"), ("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 30000)),
                                ("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:f"),
                                ("Lambda-Runtime-Trace-Id", "Root=1"), ("Content-Type", "application/json"), ("Content-Length", str(len(payload)))]:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

        def do_POST(self):  # .../response or .../error
            state["answer"] = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(202)
            self.send_header("Content-Length", "0")
            self.end_headers()
            done.set()

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):  # the held poll is reset when the process is stopped
            pass

    server = Server(("127.0.0.1", 0), RuntimeApi)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = dict(os.environ, AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{server.server_address[1]}", **environment)
    started = time.perf_counter()
    process = subprocess.Popen([bootstrap], env=env, stdout=subprocess.DEVNULL)
    answered = done.wait(60)
    elapsed = (time.perf_counter() - started) * 1000
    cpu = cpu_ms(process.pid)
    process.terminate()
    process.wait(10)
    server.shutdown()
    if not answered or b'"statusCode":200' not in state["answer"]:
        raise SystemExit(f"the first event was not answered 200: {state['answer'][:300]!r}")
    return elapsed, cpu


def cpu_ms(pid):
    """CPU time of all the process's threads so far (Linux schedstat, ns): less sensitive to machine load than wall time."""
    total = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                total += int(f.read().split()[0])
    except OSError:
        return float("nan")
    return total / 1e6


MODES = {  # name: (first event is health, pack, preload)
    "bare": (True, False, False), "health": (True, False, False), "pack": (False, True, False),
    "preload": (False, True, True), "folder": (False, False, False), "local": (False, False, False),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bootstrap")
    parser.add_argument("model_dir")
    parser.add_argument("--bare")
    parser.add_argument("--modes", default="bare,health,pack,preload,folder,local")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    modes = [m for m in args.modes.split(",") if m != "bare" or args.bare]
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        raise SystemExit(f"unknown modes {unknown}; known: {', '.join(MODES)}")
    # The "local" mode's store: the model copied as <store>/iris/1, as `ember push` to a folder lays it out.
    local_store = tempfile.mkdtemp(prefix="ember-local-store-")
    shutil.copytree(args.model_dir, os.path.join(local_store, "iris", "1"))
    moto, endpoint = start_moto()
    try:
        s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
        times = {m: [] for m in modes}
        cpus = {m: [] for m in modes}
        for run in range(args.runs):
            for mode in modes:
                health, pack, preload = MODES[mode]
                # A fresh bucket and model each start: nothing warm on moto's side, and its
                # listing cost does not grow with the runs before.
                bucket = f"ember-{uuid.uuid4().hex[:20]}"
                s3.create_bucket(Bucket=bucket)
                upload(s3, args.model_dir, bucket, "m", pack)
                environment = {"EMBER_MODEL_STORE": f"s3://{bucket}/m", "AWS_ENDPOINT_URL_S3": endpoint,
                               "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_LAMBDA_FUNCTION_NAME": "bench",
                               "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand"}
                for pair in filter(None, os.environ.get("EMBER_BENCH_ENV", "").split(",")):
                    name, _, value = pair.partition("=")
                    environment[name] = value
                if preload:
                    environment["EMBER_PRELOAD"] = "iris"
                if mode == "local":
                    environment["EMBER_MODEL_STORE"] = local_store
                binary = args.bare if mode == "bare" else args.bootstrap
                elapsed, cpu = cold_start(os.path.abspath(binary), environment, event(health))
                times[mode].append(elapsed)
                cpus[mode].append(cpu)
        medians = {m: sorted(t)[len(t) // 2] for m, t in times.items()}
        for mode, t in times.items():
            t.sort()
            ratios = {f"per_{b}": round(medians[mode] / medians[b], 2) for b in ("bare", "health") if b in medians and b != mode}
            print(json.dumps({"mode": mode, "runs": len(t), "median_ms": round(medians[mode], 1), "min_ms": round(t[0], 1),
                              "max_ms": round(t[-1], 1), **ratios, "cpu_median_ms": round(sorted(cpus[mode])[len(t) // 2], 1)}))
    finally:
        moto.kill()
        moto.wait()
        shutil.rmtree(local_store, ignore_errors=True)


if __name__ == "__main__":
    main()
