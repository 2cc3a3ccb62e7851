"""Packaging hook: ships data/ as the package `matchmaker_data` beside matcher/ and service/.

Everything else about the build is in pyproject.toml. This file exists only because pyproject.toml cannot
combine `packages.find` (so new service/ and matcher/ subpackages are picked up by themselves) with a
package whose folder has another name (data/ holds the reference and demo data, see data/__init__.py).
"""

from setuptools import find_namespace_packages, setup

CODE = find_namespace_packages(include=["matcher", "matcher.*", "service", "service.*"])
DATA = ["matchmaker_data", *(f"matchmaker_data.{p}" for p in find_namespace_packages(where="data"))]

setup(packages=CODE + DATA, package_dir={"matchmaker_data": "data"})
