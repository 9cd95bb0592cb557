"""Generates connectorservice/v1 (gen.py) before setuptools collects the packages."""
import sys
from pathlib import Path

from setuptools import setup

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen  # noqa: E402

gen.generate()
setup()
