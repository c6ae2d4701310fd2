"""Training the learned components from the project's annotated corpora (``make train``)."""
