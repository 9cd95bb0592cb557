#!/usr/bin/env python3
"""Generate the protobuf/gRPC modules of connectorservice.v1 into src/connectorservice/v1/.

Sources: $CS_PROTO_DIR, else ../../proto (the repository's proto/ directory). Only
connectorservice/v1/*.proto is compiled; google.rpc.* comes from googleapis-common-protos, so the
repository's vendored proto/google/rpc subset is deliberately not generated.

When no proto directory is found (building a wheel from an sdist, which carries the generated
files) and generated files are present, nothing is done. Regeneration is skipped when every
output is newer than every input (use --force to regenerate anyway).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "src"
PKG = OUT / "connectorservice" / "v1"
STAMP = PKG / ".generated"


def proto_root() -> Path | None:
    env = os.environ.get("CS_PROTO_DIR")
    candidates = [Path(env)] if env else []
    candidates.append(HERE.parent.parent / "proto")
    for c in candidates:
        if (c / "connectorservice" / "v1").is_dir():
            return c.resolve()
    return None


def generate(force: bool = False) -> None:
    root = proto_root()
    if root is None:
        if STAMP.exists():
            return  # an sdist: the generated code is already here
        sys.exit("gen.py: proto/connectorservice/v1 not found (set CS_PROTO_DIR)")
    protos = sorted((root / "connectorservice" / "v1").glob("*.proto"))
    if not protos:
        sys.exit(f"gen.py: no .proto files under {root}/connectorservice/v1")
    newest_input = max([p.stat().st_mtime for p in protos] + [Path(__file__).stat().st_mtime])
    if not force and STAMP.exists() and STAMP.stat().st_mtime >= newest_input:
        return

    from grpc_tools import protoc  # build-time dependency
    import grpc_tools

    PKG.mkdir(parents=True, exist_ok=True)
    for old in PKG.glob("*_pb2*.py*"):
        old.unlink()
    well_known = Path(grpc_tools.__file__).parent / "_proto"
    args = [
        "grpc_tools.protoc",
        f"-I{root}",
        f"-I{well_known}",
        f"--python_out={OUT}",
        f"--pyi_out={OUT}",
        f"--grpc_python_out={OUT}",
        *[str(p.relative_to(root)) for p in protos],
    ]
    rc = protoc.main(args)
    if rc != 0:
        sys.exit(f"gen.py: protoc failed ({rc})")
    for d in (OUT / "connectorservice", PKG):
        init = d / "__init__.py"
        if not init.exists():
            init.write_text('"""Generated from proto/connectorservice/v1 by gen.py."""\n')
    (PKG / "py.typed").write_text("")
    STAMP.write_text("\n".join(p.name for p in protos) + "\n")
    print(f"gen.py: generated {len(protos)} protos from {root} into {PKG}")


if __name__ == "__main__":
    generate(force="--force" in sys.argv)
