"""Unit tests of the document renderers and their catalogue."""
