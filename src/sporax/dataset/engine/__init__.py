"""The dataset engine: the pipeline graph, sources, samplers and iterators."""
