"""The reference and demo data, shipped as the package `matchmaker_data` (this folder, data/, in a checkout).

setup.py maps the package onto data/ and pyproject.toml lists the files it carries, so an installed wheel
holds the same files as the repository. Code finds them with importlib.resources, never by a path from
the source tree:

    importlib.resources.files("matchmaker_data") / "reference" / "states.csv"
"""
