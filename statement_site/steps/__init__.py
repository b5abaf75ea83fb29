"""The steps of the post-build pipeline (pipeline.py lists them in order), one concern a module.
Each is a function `step(site) -> site` over `pipeline.Site`: it takes what it needs from its
argument and returns what it made, and keeps nothing between calls."""
