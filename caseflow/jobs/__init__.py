"""Long work off the request path, on Huey: exports, the statistics rebuild, the clock sweep and
its e-mail, and the daily retention run. `queue` builds the queue; `tasks` declares the work."""
