#!/usr/bin/python3
"""Makes TorchScript archives shaped like OpenAI's CLIP .pt files, for the loader tests.

Run with Debian's /usr/bin/python3 (python3-torch 1.13, numpy); nothing else is needed.

    make_torchscript_archive.py --fixture DIR --out FILE.pt
        Builds a module tree whose parameters and buffers carry exactly the names, shapes and
        kinds listed in DIR/state_dict_keys.json, fills it with DIR/weights.safetensors, casts
        it to fp16 as OpenAI's archives are, adds the 0-d int64 buffers input_resolution,
        context_length and vocab_size, traces forward / encode_image / encode_text (so every
        submodule called from several of them carries forward1, forward2, ... methods) and
        saves it with torch.jit.save.

    make_torchscript_archive.py --bump-version FILE.pt OUT.pt
        Copies an archive, raising every "<root>/version" record to 99: an archive "from the
        future" that LibTorch 1.13 must refuse with a clear message.

    make_torchscript_archive.py --torch-save OUT.pt
        Writes a plain torch.save() state dict (a zip, but no TorchScript), which the loader
        must reject with a clear message.

The module computes nothing meaningful: it only has to use every tensor so that tracing
records the same structure (submodules, parameters, buffers, methods) a real CLIP trace has.
"""

import argparse
import json
import struct
import sys
import zipfile

import numpy as np
import torch
from torch import nn

NUMPY_TYPES = {"F32": np.float32, "F16": np.float16, "F64": np.float64, "I64": np.int64, "I32": np.int32}
EXTRA_BUFFERS = ("input_resolution", "context_length", "vocab_size")


def read_safetensors(path):
    """name -> numpy array, and the header's __metadata__ (a small reader: safetensors is not in Debian)."""
    with open(path, "rb") as f:
        blob = f.read()
    (length,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + length])
    metadata = header.pop("__metadata__", {})
    data = memoryview(blob)[8 + length:]
    arrays = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        array = np.frombuffer(data[begin:end], dtype=NUMPY_TYPES[entry["dtype"]])
        arrays[name] = array.reshape(entry["shape"]).copy()
    return arrays, metadata


class Node(nn.Module):
    """One level of the module tree: owns some tensors and calls its children in order."""

    def __init__(self):
        super().__init__()
        self.own = []

    def child(self, name):
        if name not in self._modules:
            self.add_module(name, Node())
        return self._modules[name]

    def forward(self, x):
        # Every tensor contributes a small scalar, so tracing records a use of each one.
        for name in self.own:
            x = x + getattr(self, name).float().mean() * 1e-3
        for module in self._modules.values():
            x = module(x)
        return x


class ClipShaped(Node):
    """The root: CLIP's three entry points over the generic tree."""

    def encode_image(self, image):
        pooled = image.float().mean(dim=(1, 2, 3)).unsqueeze(1)
        width = self.text_projection.shape[1]
        return self.visual(pooled.expand(-1, width).contiguous())

    def encode_text(self, text):
        x = nn.functional.embedding(text, self.token_embedding.weight.float()).mean(dim=1)
        x = x + self.positional_embedding.float().mean(dim=0)
        x = self.ln_final(self.transformer(x))
        return x @ self.text_projection.float()

    def forward(self, image, text):
        image_features = self.encode_image(image)
        text_features = self.encode_text(text)
        image_features = image_features / image_features.norm(dim=1, keepdim=True)
        text_features = text_features / text_features.norm(dim=1, keepdim=True)
        logits_per_image = self.logit_scale.float().exp() * image_features @ text_features.t()
        return logits_per_image, logits_per_image.t()


def build_tree(keys, arrays):
    root = ClipShaped()
    for key in keys:
        *path, leaf = key["name"].split(".")
        node = root
        for part in path:
            node = node.child(part)
        tensor = torch.from_numpy(arrays[key["name"]])
        if list(tensor.shape) != key["shape"]:
            raise SystemExit(f"{key['name']}: weights have shape {list(tensor.shape)}, keys file says {key['shape']}")
        if key["kind"] == "parameter":
            node.register_parameter(leaf, nn.Parameter(tensor, requires_grad=False))
        else:
            node.register_buffer(leaf, tensor)
        node.own.append(leaf)
    return root


def make_archive(fixture, out):
    with open(f"{fixture}/state_dict_keys.json") as f:
        keys = json.load(f)
    with open(f"{fixture}/config.json") as f:
        config = json.load(f)["config"]
    arrays, _ = read_safetensors(f"{fixture}/weights.safetensors")
    model = build_tree(keys, arrays).eval()
    model.half()  # parameters and floating buffers in fp16, as in OpenAI's archives
    for name, key in zip(EXTRA_BUFFERS, ("image_resolution", "context_length", "vocab_size")):
        model.register_buffer(name, torch.tensor(config[key], dtype=torch.int64))
    resolution, context = config["image_resolution"], config["context_length"]
    image = torch.randn(2, 3, resolution, resolution)
    text = torch.randint(0, config["vocab_size"], (2, context), dtype=torch.int64)
    with torch.no_grad():
        traced = torch.jit.trace_module(
            model, {"forward": (image, text), "encode_image": image, "encode_text": text}, check_trace=False)
    torch.jit.save(traced, out)


def bump_version(source, out, version=99):
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zout:
        bumped = 0
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.endswith("/version"):
                data = f"{version}\n".encode()
                bumped += 1
            zout.writestr(info.filename, data)
    if bumped == 0:
        raise SystemExit(f"{source}: no version record found")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixture", help="fixture folder with state_dict_keys.json, config.json, weights.safetensors")
    parser.add_argument("--out", help="archive to write")
    parser.add_argument("--torch-save", metavar="OUT", help="write a small torch.save() state dict to OUT")
    parser.add_argument("--bump-version", nargs=2, metavar=("FILE", "OUT"), help="copy FILE to OUT with version 99")
    args = parser.parse_args()
    if args.bump_version:
        bump_version(*args.bump_version)
    elif args.torch_save:
        torch.save({"visual.conv1.weight": torch.zeros(2, 3)}, args.torch_save)
    elif args.fixture and args.out:
        make_archive(args.fixture, args.out)
    else:
        parser.error("give --fixture and --out, --bump-version FILE OUT, or --torch-save OUT")
    return 0


if __name__ == "__main__":
    sys.exit(main())
