"""`python -m sporax ...` is the `sporax` command."""
import sys

from .cli import main

sys.exit(main())
