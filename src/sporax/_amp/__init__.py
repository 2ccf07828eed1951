"""Mixed-precision pieces below `sporax.train` (loss scalers); `sporax.amp` re-exports them."""
