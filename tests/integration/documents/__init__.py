"""Integration tests of conference documents on real encrypted stores."""
