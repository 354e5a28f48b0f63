"""Pure computations of the content model: no files, no HTML."""
