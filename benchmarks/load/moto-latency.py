#!/usr/bin/env python3
"""What moto itself costs per request: the floor under any client's cold load from moto's S3.

Times, from a raw HTTP client on a fresh connection each time (as moto closes connections), a
ListObjectsV2 of a model's prefix and a GET of a ~37 KB object (the size of the iris model's
pack), medians of N requests, with the bucket holding a few or many keys.

Usage: benchmarks/load/moto-latency.py [--requests N]
Needs moto_server and boto3 (pip install "moto[server]").
"""
import argparse, http.client, json, socket, subprocess, time

import boto3


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port):
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("moto_server did not start")


def median_ms(port, path, requests):
    times = []
    for _ in range(requests):
        connection = http.client.HTTPConnection("127.0.0.1", port)
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - started) * 1000)
        connection.close()
        if response.status != 200:
            raise SystemExit(f"GET {path} answered {response.status}")
    times.sort()
    return round(times[len(times) // 2], 2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=25)
    args = parser.parse_args()
    port = free_port()
    moto = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port)
        s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", aws_access_key_id="test",
                          aws_secret_access_key="test", region_name="us-east-1")
        s3.create_bucket(Bucket="ember-models")
        # One model version as `ember push` stores it: 12 files and the pack.
        for i in range(12):
            s3.put_object(Bucket="ember-models", Key=f"m/iris/1/file-{i:02d}", Body=b"x" * 500)
        s3.put_object(Bucket="ember-models", Key="m/iris/1/_ember_bundle.tar", Body=b"x" * 37_000)
        # Signed as every real client's request is (moto refuses anonymous GETs); presigned URLs
        # keep the timed part to one plain HTTP exchange.
        base = f"http://127.0.0.1:{port}"
        list_path = s3.generate_presigned_url("list_objects_v2", Params={"Bucket": "ember-models", "Prefix": "m/iris/", "MaxKeys": 1000}, ExpiresIn=3600)[len(base):]
        get_path = s3.generate_presigned_url("get_object", Params={"Bucket": "ember-models", "Key": "m/iris/1/_ember_bundle.tar"}, ExpiresIn=3600)[len(base):]
        print(json.dumps({"bucket_keys": 13, "list_ms": median_ms(port, list_path, args.requests), "get_ms": median_ms(port, get_path, args.requests)}))
        for i in range(120):  # other models in the same bucket
            s3.put_object(Bucket="ember-models", Key=f"m/other-{i}/1/f", Body=b"x")
        print(json.dumps({"bucket_keys": 133, "list_ms": median_ms(port, list_path, args.requests), "get_ms": median_ms(port, get_path, args.requests)}))
    finally:
        moto.kill()
        moto.wait()


if __name__ == "__main__":
    main()
