"""Client for generators served by TF Serving: REST or gRPC, writes the images as PNGs.

    python export/client.py --rest http://localhost:8501 --model dcgan sample --seeds 0 1 2
    python export/client.py --grpc localhost:8500 --model cgan sample --seeds 0 1 --label 3
    python export/client.py --rest http://localhost:8501 --model dcgan z --n 4 --latent-dim 64
    python export/client.py --local export/models/dcgan/1 sample --seeds 0 1 2

``--local`` answers the same request from a SavedModel in this process (no server):
what the tests use to check every request this client builds.
"""

import argparse
import os
import sys
import urllib.request

import numpy as np

from keras_gans.export import serving
from keras_gans.utils.images import save_grid, save_png, to_uint8


def build_request(args):
    """``(signature, inputs)`` for the command line."""
    if args.kind == "sample":
        return "sample", serving.sample_inputs(args.seeds, args.label)
    z = np.random.RandomState(args.seed).normal(size=(args.n, args.latent_dim))
    return "serving_default", serving.z_inputs(z, args.label)


def send(args, signature, inputs):
    """Sends the request the chosen way; returns the decoded outputs."""
    if args.rest:
        body = serving.rest_body(signature, inputs).encode()
        url = f"{args.rest.rstrip('/')}/v1/models/{args.model}:predict"
        request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=args.timeout) as reply:
            return serving.decode_rest_response(reply.read())
    request = serving.grpc_request(args.model or "model", signature, inputs, args.version)
    if args.local:
        return serving.decode_grpc_response(serving.predict_in_process(args.local, request))
    import grpc
    from tensorflow_serving.apis import prediction_service_pb2_grpc

    with grpc.insecure_channel(args.grpc) as channel:
        stub = prediction_service_pb2_grpc.PredictionServiceStub(channel)
        return serving.decode_grpc_response(stub.Predict(request, timeout=args.timeout))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--rest", help="REST address, e.g. http://localhost:8501")
    where.add_argument("--grpc", help="gRPC address, e.g. localhost:8500")
    where.add_argument("--local", help="a SavedModel version folder (no server)")
    parser.add_argument("--model", help="model name on the server")
    parser.add_argument("--version", type=int, help="model version (default: the server's)")
    parser.add_argument("--label", type=int, help="class (conditional models)")
    parser.add_argument("--out", default="client_out", help="folder for the PNGs")
    parser.add_argument("--timeout", type=float, default=30.0)
    kinds = parser.add_subparsers(dest="kind", required=True)
    sample = kinds.add_parser("sample", help="images for integer seeds (`sample` signature)")
    sample.add_argument("--seeds", type=int, nargs="+", required=True)
    z = kinds.add_parser("z", help="images for random z (`serving_default` signature)")
    z.add_argument("--n", type=int, default=4)
    z.add_argument("--latent-dim", type=int, required=True)
    z.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if (args.rest or args.grpc) and not args.model:
        parser.error("--model is required with --rest and --grpc")
    signature, inputs = build_request(args)
    images = serving.images_from_outputs(send(args, signature, inputs))
    os.makedirs(args.out, exist_ok=True)
    for i, image in enumerate(images):
        save_png(to_uint8(image), os.path.join(args.out, f"image_{i:03d}.png"))
    save_grid(images, os.path.join(args.out, "grid.png"))
    print(f"wrote {len(images)} images and grid.png to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
