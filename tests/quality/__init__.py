"""Quality gates of the built site (see docs/quality.md)."""
