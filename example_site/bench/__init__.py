"""The trust-scale benchmark: scale data, figures, bench-only URLs (docs/performance.md)."""
