"""Customer journey maps and personas, published as an MkDocs site."""

__version__ = "0.1.0"
