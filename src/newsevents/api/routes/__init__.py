"""One router per resource; each only parses its request and calls store/queries.py."""
