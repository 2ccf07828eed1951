"""sporax's machinery: no public names live here."""
