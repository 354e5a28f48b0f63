"""Pure computations on the content: no files, no rendering, no global state."""
