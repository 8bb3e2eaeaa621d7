"""Ingest: read a file → find its header → normalise and validate rows → hand clean records to the store."""
