"""The web page for writers at ``/``: static HTML, CSS and JS modules shipped in the package.

`assistant.web.pages` serves them (no build step, no CDN); the page calls the same HTTP API as
every other client.
"""
