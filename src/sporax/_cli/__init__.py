"""The `sporax` command line: one module per subcommand."""
