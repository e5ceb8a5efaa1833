"""digest: a folder of raw news articles -> a searchable MkDocs site that tells a story of trips."""

__version__ = "0.1.0"
