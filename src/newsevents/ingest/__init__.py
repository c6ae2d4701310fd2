"""Readers that turn files, feeds and pages into Article records."""
